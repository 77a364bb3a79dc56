//! The durable outbox: messages queued with their change, claimed by one
//! worker each, delivered after the answer.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use server::delivery::{Step, Worker};
use server::notify::{self, Failure, Message, Notifier, SendFuture, Template};

use crate::helpers::TestApp;

/// A transport that counts what it is handed, per message key, taking a
/// little time like a network call (so workers overlap).
#[derive(Default)]
struct Counting(Mutex<BTreeMap<String, usize>>);

impl Notifier for Counting {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        Box::pin(async move {
            *self.0.lock().unwrap().entry(msg.key).or_default() += 1;
            tokio::time::sleep(Duration::from_millis(2)).await;
            Ok::<(), Failure>(())
        })
    }
}

#[tokio::test]
async fn two_workers_never_send_the_same_message() {
    // This server queues only; the test runs the workers.
    let app = TestApp::spawn_with(&[("PORTAL_OUTBOX_WORKERS", "0")]).await;
    let now = app.state.clock.now();
    const N: usize = 60;
    {
        let mut tx = app.state.db.begin().await.unwrap();
        for i in 0..N {
            let msg = notify::message(
                &format!("1390000{i:04}"),
                "subject",
                "text".into(),
                Template::Code,
                vec!["123456".into(), "10".into()],
            );
            notify::enqueue(&mut tx, &msg, now).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
    let transport = Arc::new(Counting::default());
    let worker = Worker {
        db: app.state.db.clone(),
        clock: app.state.clock.clone(),
        transport: transport.clone(),
        retry_secs: 30,
        keep_texts: false,
    };
    // Four workers, as on two servers with two each, racing for the rows.
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let worker = worker.clone();
        tasks.push(tokio::spawn(async move {
            let mut sent = 0;
            let mut idle = 0;
            while idle < 3 {
                match worker.step().await.unwrap() {
                    Step::Sent => sent += 1,
                    Step::Idle => idle += 1,
                    other => panic!("{other:?}"),
                }
            }
            sent
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await.unwrap();
    }
    let counts = transport.0.lock().unwrap().clone();
    assert_eq!(counts.len(), N, "every message delivered");
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
    assert_eq!(total, N);
    let sent: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND body = ''")
        .await
        .unwrap();
    // Delivered texts are erased outside demo mode (they may hold codes).
    assert_eq!(sent, N as i64);
}

#[tokio::test]
async fn a_message_is_queued_only_when_its_change_commits() {
    let app = TestApp::spawn_with(&[("PORTAL_OUTBOX_WORKERS", "0")]).await;
    let before: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM outbox")
        .await
        .unwrap();
    {
        let mut tx = app.state.db.begin().await.unwrap();
        let msg = notify::message("13900000001", "s", "t".into(), Template::Code, vec![]);
        notify::enqueue(&mut tx, &msg, app.state.clock.now())
            .await
            .unwrap();
        // Rolled back: the change failed, so nothing is sent.
    }
    let after: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM outbox")
        .await
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_claimed_message_returns_when_its_worker_dies() {
    let app = TestApp::spawn_with(&[("PORTAL_OUTBOX_WORKERS", "0")]).await;
    let now = app.state.clock.now();
    let msg = notify::message("13900000002", "s", "t".into(), Template::Code, vec![]);
    notify::enqueue(&mut app.state.db.acquire().await.unwrap(), &msg, now)
        .await
        .unwrap();
    // A worker claims it and dies before recording the outcome.
    let mut c = app.state.db.acquire().await.unwrap();
    let claimed = server::store::outbox::claim(&mut c, now, server::delivery::LEASE_SECS)
        .await
        .unwrap();
    assert!(claimed.is_some());
    assert!(
        server::store::outbox::claim(&mut c, now, server::delivery::LEASE_SECS)
            .await
            .unwrap()
            .is_none()
    );
    drop(c);
    // After the lease another worker delivers it.
    app.state.clock.advance(server::delivery::LEASE_SECS + 1);
    let transport = Arc::new(Counting::default());
    let worker = Worker {
        db: app.state.db.clone(),
        clock: app.state.clock.clone(),
        transport: transport.clone(),
        retry_secs: 30,
        keep_texts: true,
    };
    assert_eq!(worker.step().await.unwrap(), Step::Sent);
    assert_eq!(transport.0.lock().unwrap()[&msg.key], 1);
}

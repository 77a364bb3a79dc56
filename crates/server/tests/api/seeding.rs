//! Two servers starting at once on one empty database seed the demo data
//! once (the seeding lock in store::demo), on either backend.

use server::{AppState, Config};

use crate::helpers::fresh_postgres_database;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_starting_at_once_seed_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = match fresh_postgres_database().await {
        Some(url) => url,
        None => dir.path().join("portal.db").to_string_lossy().into_owned(),
    };
    let config = |n: u8| {
        let root = dir.path().to_owned();
        let db = db.clone();
        Config::from_lookup(move |k| match k {
            "PORTAL_DB" => Some(db.clone()),
            "PORTAL_DIST" => Some(root.join("dist").to_string_lossy().into_owned()),
            "PORTAL_UPLOADS" => Some(
                root.join(format!("uploads{n}"))
                    .to_string_lossy()
                    .into_owned(),
            ),
            "PORTAL_DEMO" => Some("1".into()),
            _ => None,
        })
        .unwrap()
    };
    let (a, b) = tokio::join!(AppState::new(config(1)), AppState::new(config(2)));
    let (a, _b) = (a.expect("first server"), b.expect("second server"));
    let institutions: i64 =
        a.db.scalar("SELECT COUNT(*) FROM institutions")
            .await
            .unwrap();
    let admins: i64 =
        a.db.scalar("SELECT COUNT(*) FROM accounts WHERE role = 'admin'")
            .await
            .unwrap();
    // Beijing's and Shanghai's, and the three generated inside Shenzhen.
    assert_eq!((institutions, admins), (5, 5));
}

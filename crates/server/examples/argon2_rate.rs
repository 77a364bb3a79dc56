//! The raw argon2id rate of this machine with the server's own parameters:
//! the ceiling of sign-in throughput, since every sign-in verifies one hash.
//! Calls the server's `auth::password::hash` (the same `Argon2` instance and
//! the same blocking pool a sign-in uses) from a fixed number of concurrent
//! loops for a fixed time, then prints one line: `argon2id: N hashes/s ...`.
//!
//! Usage: cargo run --release -p server --example argon2_rate -- [SECONDS] [THREADS]
//! (defaults: 5 seconds, 2 threads).

use std::time::{Duration, Instant};

fn arg(n: usize, default: u64) -> u64 {
    std::env::args()
        .nth(n)
        .map(|a| a.parse().expect("a whole number"))
        .unwrap_or(default)
}

fn main() {
    let seconds = arg(1, 5);
    let threads = arg(2, 2) as usize;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let (hashes, elapsed) = runtime.block_on(async move {
        // One warm-up hash so the first allocation of the 19 MiB block is not timed.
        server::auth::password::hash("warm-up".into())
            .await
            .expect("hash");
        let start = Instant::now();
        let deadline = start + Duration::from_secs(seconds);
        let loops: Vec<_> = (0..threads)
            .map(|i| {
                tokio::spawn(async move {
                    let mut done = 0u64;
                    while Instant::now() < deadline {
                        server::auth::password::hash(format!("Demo#2026pass-{i}-{done}"))
                            .await
                            .expect("hash");
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        let mut hashes = 0;
        for l in loops {
            hashes += l.await.expect("hash loop");
        }
        (hashes, start.elapsed())
    });
    println!(
        "argon2id: {:.1} hashes/s ({hashes} hashes in {:.2} s on {threads} threads)",
        hashes as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
}

//! Bounded pools of dedicated threads for work that holds much memory
//! (argon2 hashes: 19 MiB; photo decodes: up to 200 MB): one thread per
//! core, a short queue in front, then `503 server.busy` with `Retry-After`
//! instead of piling up. The work runs off the async runtime, on threads
//! that live as long as the process, so no tokio blocking-pool thread keeps
//! a large allocation in its heap arena.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{AppError, AppResult};

type Job = Box<dyn FnOnce() + Send>;

/// One pool: its threads, the turns (one per thread) and the queue.
pub struct Workers {
    name: &'static str,
    turns: Arc<Semaphore>,
    waiting: AtomicUsize,
    max_waiting: usize,
    retry_after: u64,
    jobs: Mutex<mpsc::Sender<Job>>,
}

/// A turn on one of the pool's threads, held from [`Workers::turn`] until
/// the work it runs is done (dropping it frees the thread's slot).
pub struct Turn {
    _permit: OwnedSemaphorePermit,
}

/// Counts a waiting request for as long as it waits (also when the request
/// is dropped while waiting).
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One thread per core.
pub fn per_core() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

impl Workers {
    /// Starts `threads` threads named `name-N`; up to `queue_per_thread` ×
    /// `threads` requests wait for a turn, more are told to come back after
    /// `retry_after` seconds.
    pub fn new(
        name: &'static str,
        threads: usize,
        queue_per_thread: usize,
        retry_after: u64,
    ) -> Workers {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("{name}-{n}"))
                .spawn(move || loop {
                    // The lock is held only while taking a job.
                    let job = match queue.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                })
                .expect("spawn a worker thread");
        }
        Workers {
            name,
            turns: Arc::new(Semaphore::new(threads)),
            waiting: AtomicUsize::new(0),
            max_waiting: threads * queue_per_thread,
            retry_after,
            jobs: Mutex::new(jobs),
        }
    }

    /// Waits for a turn; refuses at once (`AppError::Busy`) when every
    /// thread is taken and the queue is full.
    pub async fn turn(&self) -> AppResult<Turn> {
        if let Ok(permit) = self.turns.clone().try_acquire_owned() {
            return Ok(Turn { _permit: permit });
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            tracing::warn!(pool = self.name, "queue full: request refused with 503");
            return Err(AppError::Busy {
                retry_after: self.retry_after,
            });
        }
        let _waiting = Waiting(&self.waiting);
        let permit = self
            .turns
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| AppError::Internal(format!("{} turns: {e}", self.name)))?;
        Ok(Turn { _permit: permit })
    }

    /// Runs `work` on a pool thread in `turn`. The turn moves into the job,
    /// so a request dropped mid-work still holds its slot until the work
    /// (and its memory) is done.
    pub async fn run_in_turn<T: Send + 'static>(
        &self,
        turn: Turn,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> AppResult<T> {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _turn = turn;
            // The request may be gone: then nobody needs the result.
            let _ = done.send(work());
        });
        self.jobs
            .lock()
            .map_err(|_| AppError::Internal(format!("{} queue poisoned", self.name)))?
            .send(job)
            .map_err(|_| AppError::Internal(format!("{} threads gone", self.name)))?;
        result
            .await
            .map_err(|_| AppError::Internal(format!("{} job dropped", self.name)))
    }

    /// Waits for a turn and runs `work` in it.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> AppResult<T> {
        let turn = self.turn().await?;
        self.run_in_turn(turn, work).await
    }
}

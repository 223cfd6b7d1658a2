//! Starting threads: a container's pids limit can make `spawn` fail, and the scan
//! must then go on with fewer threads (down to the calling thread alone), saying so.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Threads started through [`spawn_scoped`] so far (counted for the test knob).
static STARTED: AtomicUsize = AtomicUsize::new(0);

/// Test knob (debug builds only): `LEAKHOUND_TEST_SPAWN_LIMIT=n` makes every thread
/// start after the first `n` fail, as the kernel's do under a pids limit. Counting
/// starts rather than running threads keeps the tests deterministic. Release
/// builds compile it out.
fn refused() -> bool {
    let started = STARTED.fetch_add(1, Ordering::SeqCst);
    #[cfg(debug_assertions)]
    if let Some(limit) = std::env::var("LEAKHOUND_TEST_SPAWN_LIMIT")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        return started >= limit;
    }
    let _ = started;
    false
}

/// Starts `f` on a new scoped thread, or returns why it could not.
pub(crate) fn spawn_scoped<'scope, 'env, F>(
    s: &'scope std::thread::Scope<'scope, 'env>,
    f: F,
) -> std::io::Result<std::thread::ScopedJoinHandle<'scope, ()>>
where
    F: FnOnce() + Send + 'scope,
{
    if refused() {
        return Err(std::io::Error::from(std::io::ErrorKind::WouldBlock));
    }
    std::thread::Builder::new().spawn_scoped(s, f)
}

/// How many of `wanted` threads can run besides the calling one, found by starting
/// them (each waits until all have been tried, then ends), and why not all, if not.
/// A library that starts its own threads and panics when it cannot (`ignore`'s
/// parallel walker) is then given no more than this.
pub(crate) fn available(wanted: usize) -> (usize, Option<std::io::Error>) {
    let release = std::sync::RwLock::new(());
    let mut started = 0;
    let mut error = None;
    std::thread::scope(|s| {
        // The write lock is held until every thread has been tried, so that the
        // threads tried all run at the same time.
        let hold = release.write().unwrap_or_else(|e| e.into_inner());
        for _ in 0..wanted {
            match spawn_scoped(s, || drop(release.read())) {
                Ok(_) => started += 1,
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        drop(hold);
    });
    (started, error)
}

/// The note a scan carries when it runs on fewer threads than asked.
pub(crate) fn fewer_note(wanted: usize, got: usize, error: &std::io::Error) -> String {
    format!(
        "could start only {got} of {wanted} worker threads ({error}): scanned with {}",
        with_threads(got)
    )
}

/// How a note names the threads that did the work: `got` started, or none (then the
/// calling thread did it).
pub(crate) fn with_threads(got: usize) -> String {
    match got {
        0 => "the main thread alone".to_string(),
        1 => "1 thread".to_string(),
        _ => format!("{got} threads"),
    }
}

//! `leakhound scan -`: the content of standard input, reported as `<stdin>`.

use std::io::Read;

use crate::detect::Engine;
use crate::finding::STDIN_PATH;
use crate::scan::{Collector, ScanError, Worker};

pub fn scan(engine: &Engine, collector: &Collector, max_file_size: u64) -> Result<(), ScanError> {
    let mut worker = Worker::new(engine, collector);
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_file_size.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(ScanError::Stdin)?;
    if buf.len() as u64 > max_file_size {
        worker.skip_too_large(STDIN_PATH, buf.len() as u64);
        return Ok(());
    }
    worker.scan_bytes(STDIN_PATH, &buf);
    Ok(())
}

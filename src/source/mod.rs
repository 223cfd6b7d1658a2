//! Where blobs come from: the file system, standard input, git history and the
//! staged index.

pub mod fs;
pub mod git;
pub mod loose;
pub mod packorder;
pub mod staged;
pub mod stdin;
pub mod tracked;

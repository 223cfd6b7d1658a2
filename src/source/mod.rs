//! Where blobs come from: the file system and standard input (git history and the
//! staged index will join them).

pub mod fs;
pub mod stdin;

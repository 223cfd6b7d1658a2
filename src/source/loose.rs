//! Loose objects, checked before libgit2 sees them.
//!
//! libgit2 1.9.x loops forever inflating a truncated loose object (libgit2 issue 7342):
//! a `leakhound git` or a pre-commit hook would hang. So every object that is stored
//! loose is read here first with a bounded zlib decoder, and handed to libgit2 only if
//! its stream ends and its length matches its header; a damaged one is reported as
//! unreadable. Loose blobs that pass are scanned from the bytes read here, so they are
//! inflated once.
//!
//! A history scan lists the set of loose object ids once (256 directory reads), for the
//! repository's object directory and every alternate. A staged scan, which reads a few
//! objects of a repository that may hold tens of thousands loose, looks each object up
//! by its path instead ([`Loose::lazy`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use flate2::{Decompress, FlushDecompress, Status};
use git2::Oid;

/// The loose objects of a repository.
#[derive(Debug, Default)]
pub(crate) struct Loose {
    /// Object directories: the repository's own, then its alternates.
    dirs: Vec<PathBuf>,
    /// The loose ids, when listed; `None`: look each object up by its path.
    ids: Option<HashSet<Oid>>,
    /// Per object directory, which of the 256 fan-out subdirectories exist (one
    /// directory read): a packed repository has few or none, so most lookups cost
    /// no system call at all.
    fans: Vec<[bool; 256]>,
}

/// A loose object read and checked.
pub(crate) enum Checked {
    /// Its header says it is larger than the limit: not inflated further.
    TooLarge(u64),
    /// Its body (without the header).
    Body(Vec<u8>),
}

impl Loose {
    /// Lists the loose objects under `git_dir/objects` and the alternates it names.
    pub(crate) fn list(git_dir: &Path) -> Loose {
        let mut loose = Loose::lazy(git_dir);
        let mut ids = HashSet::new();
        for dir in &loose.dirs {
            for fan in 0..=255u8 {
                let prefix = format!("{fan:02x}");
                let Ok(entries) = std::fs::read_dir(dir.join(&prefix)) else {
                    continue;
                };
                for e in entries.flatten() {
                    let name = e.file_name();
                    let Some(rest) = name.to_str() else { continue };
                    if rest.len() == 38
                        && let Ok(oid) = Oid::from_str(&format!("{prefix}{rest}"))
                    {
                        ids.insert(oid);
                    }
                }
            }
        }
        loose.ids = Some(ids);
        loose
    }

    /// The object directories (the repository's and its alternates'), with no listing:
    /// each object is looked up by its path when asked for.
    pub(crate) fn lazy(git_dir: &Path) -> Loose {
        let mut dirs = vec![git_dir.join("objects")];
        let mut i = 0;
        // Alternates may name further alternates; a few levels are plenty.
        while i < dirs.len() && dirs.len() < 16 {
            if let Ok(text) = std::fs::read_to_string(dirs[i].join("info/alternates")) {
                for line in text.lines().map(str::trim) {
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    let p = Path::new(line);
                    let p = if p.is_absolute() {
                        p.to_path_buf()
                    } else {
                        dirs[i].join(p)
                    };
                    if !dirs.contains(&p) {
                        dirs.push(p);
                    }
                }
            }
            i += 1;
        }
        let fans = dirs.iter().map(|d| fan_out_dirs(d)).collect();
        Loose {
            dirs,
            ids: None,
            fans,
        }
    }

    /// Whether `oid` is stored loose.
    pub(crate) fn contains(&self, oid: Oid) -> bool {
        match &self.ids {
            Some(ids) => ids.contains(&oid),
            None => self.path_of(oid).is_some(),
        }
    }

    /// Whether no object at all is stored loose (a packed repository).
    pub fn is_empty(&self) -> bool {
        match &self.ids {
            Some(ids) => ids.is_empty(),
            None => self.fans.iter().all(|f| f.iter().all(|&b| !b)),
        }
    }

    fn path_of(&self, oid: Oid) -> Option<PathBuf> {
        let fan = usize::from(*oid.as_bytes().first()?);
        let hex = oid.to_string();
        self.dirs
            .iter()
            .zip(&self.fans)
            .filter(|(_, fans)| fans[fan])
            .map(|(d, _)| d.join(&hex[..2]).join(&hex[2..]))
            .find(|p| p.is_file())
    }

    /// Checks `oid` if it is stored loose: `Err` with the reason when it is damaged.
    /// Objects that are not loose (packed, or missing) are libgit2's to read.
    pub(crate) fn check(&self, oid: Oid) -> Result<(), String> {
        match self.read(oid, u64::MAX) {
            Some(Err(e)) => Err(e),
            _ => Ok(()),
        }
    }

    /// Reads and checks `oid` if it is stored loose; `None` if it is not.
    pub(crate) fn read(&self, oid: Oid, max_file_size: u64) -> Option<Result<Checked, String>> {
        if self.ids.as_ref().is_some_and(|ids| !ids.contains(&oid)) {
            return None;
        }
        let path = self.path_of(oid)?;
        Some(
            std::fs::read(&path)
                .map_err(|e| format!("cannot read loose object {}: {e}", path.display()))
                .and_then(|bytes| inflate(&bytes, max_file_size)),
        )
    }
}

impl Loose {
    /// Damaged loose objects other than blobs among those listed ([`Loose::list`]):
    /// commits, trees, tags, and objects too
    /// damaged to tell), with the reason. Large objects are checked by header only.
    pub(crate) fn damaged_non_blobs(&self) -> Vec<(Oid, String)> {
        let mut bad: Vec<(Oid, String)> = self
            .ids
            .iter()
            .flatten()
            .filter_map(|&oid| {
                let path = self.path_of(oid)?;
                let bytes = std::fs::read(&path).ok()?;
                // Blobs are checked when they are read; most loose objects are blobs.
                if header_kind(&bytes).as_deref() == Some("blob") {
                    return None;
                }
                inflate(&bytes, 1 << 20).err().map(|reason| (oid, reason))
            })
            .collect();
        bad.sort();
        bad
    }
}

/// The type in a loose object's header, if that much can be inflated.
fn header_kind(compressed: &[u8]) -> Option<String> {
    let mut d = Decompress::new(true);
    let mut head = [0u8; 16];
    d.decompress(compressed, &mut head, FlushDecompress::None)
        .ok()?;
    let got = &head[..d.total_out() as usize];
    let space = got.iter().position(|&b| b == b' ')?;
    String::from_utf8(got[..space].to_vec()).ok()
}

/// Inflates a loose object: `"<type> <size>\0"` then the body, zlib-compressed.
fn inflate(compressed: &[u8], max_file_size: u64) -> Result<Checked, String> {
    let damaged = |why: &str| format!("damaged loose object ({why})");
    let mut d = Decompress::new(true);
    let mut head = [0u8; 64];
    let status = d
        .decompress(compressed, &mut head, FlushDecompress::None)
        .map_err(|e| damaged(&format!("bad zlib data: {e}")))?;
    let got = d.total_out() as usize;
    let nul = head[..got]
        .iter()
        .position(|&b| b == 0)
        .ok_or_else(|| damaged("no object header"))?;
    let header = std::str::from_utf8(&head[..nul]).map_err(|_| damaged("bad object header"))?;
    let size: u64 = header
        .split_once(' ')
        .filter(|(kind, _)| matches!(*kind, "blob" | "tree" | "commit" | "tag"))
        .and_then(|(_, n)| n.parse().ok())
        .ok_or_else(|| damaged("bad object header"))?;
    if size > max_file_size {
        return Ok(Checked::TooLarge(size));
    }
    let total = nul as u64 + 1 + size;
    let mut out: Vec<u8> = Vec::with_capacity((total + 1) as usize);
    out.extend_from_slice(&head[..got]);
    let mut status = status;
    while status != Status::StreamEnd {
        if out.len() == out.capacity() {
            return Err(damaged("longer than its header says"));
        }
        let (i0, o0) = (d.total_in(), d.total_out());
        let input = compressed.get(i0 as usize..).unwrap_or_default();
        status = d
            .decompress_vec(input, &mut out, FlushDecompress::None)
            .map_err(|e| damaged(&format!("bad zlib data: {e}")))?;
        if status != Status::StreamEnd && d.total_in() == i0 && d.total_out() == o0 {
            return Err(damaged("truncated"));
        }
    }
    if out.len() as u64 != total {
        return Err(damaged("length does not match its header"));
    }
    out.drain(..nul + 1);
    Ok(Checked::Body(out))
}

/// Which two-hex-digit fan-out subdirectories `objects` holds (all, when it cannot be
/// listed: then each lookup goes to the file system).
fn fan_out_dirs(objects: &Path) -> [bool; 256] {
    let Ok(entries) = std::fs::read_dir(objects) else {
        return [true; 256];
    };
    let mut fans = [false; 256];
    for e in entries.flatten() {
        if let Some(n) = e
            .file_name()
            .to_str()
            .filter(|n| n.len() == 2)
            .and_then(|n| u8::from_str_radix(n, 16).ok())
        {
            fans[usize::from(n)] = true;
        }
    }
    fans
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn object(body: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(format!("blob {}\0", body.len()).as_bytes())
            .unwrap();
        e.write_all(body).unwrap();
        e.finish().unwrap()
    }

    fn body(r: Result<Checked, String>) -> Result<Vec<u8>, String> {
        r.map(|c| match c {
            Checked::Body(b) => b,
            Checked::TooLarge(n) => panic!("too large: {n}"),
        })
    }

    #[test]
    fn whole_objects_inflate() {
        let big: Vec<u8> = (0..100_000u32).flat_map(|i| i.to_le_bytes()).collect();
        for b in [&b""[..], b"hello world\n", &big] {
            assert_eq!(body(inflate(&object(b), u64::MAX)).unwrap(), b);
        }
    }

    #[test]
    fn every_truncation_is_an_error() {
        for b in [&b"hello world\n"[..], &[7u8; 5000]] {
            let z = object(b);
            for cut in 0..z.len() {
                assert!(body(inflate(&z[..cut], u64::MAX)).is_err(), "cut at {cut}");
            }
        }
    }

    #[test]
    fn header_length_must_match() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b"blob 5\0abc").unwrap();
        let short = e.finish().unwrap();
        assert!(body(inflate(&short, u64::MAX)).is_err());
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b"blob 2\0abc").unwrap();
        let long = e.finish().unwrap();
        assert!(body(inflate(&long, u64::MAX)).is_err());
    }

    #[test]
    fn size_is_checked_before_inflating() {
        assert!(matches!(
            inflate(&object(&[1u8; 4096]), 100),
            Ok(Checked::TooLarge(4096))
        ));
    }
}

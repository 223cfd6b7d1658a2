//! Which working-tree files are committed: the paths in the index of the repository
//! around each scan root, kept only for file names that some file rule applies to (a
//! `.env` is reported by `scan` only when git tracks it) or that hold secrets by nature.
//!
//! Reading the index runs nothing from the repository: libgit2 has no hooks, filters
//! or fsmonitor support on this path.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::detect::Engine;
use crate::scan::{Warning, WarningKind};

/// The tracked files of interest, per repository work tree.
#[derive(Debug, Default)]
pub(crate) struct TrackedFiles {
    /// Canonical work-tree directory, and the tracked paths relative to it.
    repos: Vec<(PathBuf, HashSet<PathBuf>)>,
}

impl TrackedFiles {
    /// The tracked files, among those some file rule of `engine` applies to, in the
    /// repositories that hold `roots`. A root outside any repository (or in a bare
    /// one) adds nothing; an index that cannot be read is `Err` with the reason.
    pub(crate) fn discover(engine: &Engine, roots: &[&PathBuf]) -> Result<TrackedFiles, Warning> {
        let mut out = TrackedFiles::default();
        for root in roots {
            let Ok(repo) = crate::source::git::discover(root) else {
                continue;
            };
            let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
                continue;
            };
            if out.repos.iter().any(|(w, _)| *w == workdir) {
                continue;
            }
            let index = repo.index().map_err(|e| {
                Warning::new(
                    WarningKind::Index,
                    workdir.display().to_string(),
                    format!("cannot read the git index: {}", super::git::message(&e)),
                )
            })?;
            let paths = index
                .iter()
                .filter_map(|entry| {
                    let path = path_of(&entry.path);
                    let name = path.file_name()?.to_str()?;
                    // Secret files too, so that one an ignore file hides is known to
                    // be committed (scanned as tracked, not as "ignored").
                    (engine.has_file_rule_for(name) || super::names::is_secret_file(&path))
                        .then_some(path)
                })
                .collect();
            out.repos.push((workdir, paths));
        }
        Ok(out)
    }

    /// Whether the file at `path` (as the walker named it) is tracked.
    pub(crate) fn contains(&self, path: &Path) -> bool {
        let Ok(full) = path.canonicalize() else {
            return false;
        };
        self.repos.iter().any(|(workdir, paths)| {
            full.strip_prefix(workdir)
                .is_ok_and(|rel| paths.contains(rel))
        })
    }
}

impl crate::scan::IsTracked for TrackedFiles {
    fn is_tracked(&self, path: &Path) -> bool {
        self.contains(path)
    }
}

impl TrackedFiles {
    /// Tracked files under `roots` that the walk did not visit (`seen`: canonical
    /// paths), because an ignore file lists them: each as its path and its path as the
    /// walk would have shown it, below the root given.
    pub(crate) fn unvisited(
        &self,
        roots: &[&PathBuf],
        seen: &HashSet<PathBuf>,
    ) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        for (workdir, paths) in &self.repos {
            for rel in paths {
                let full = workdir.join(rel);
                if seen.contains(&full) || !full.symlink_metadata().is_ok_and(|m| m.is_file()) {
                    continue;
                }
                let shown = roots.iter().find_map(|root| {
                    let below = full.strip_prefix(root.canonicalize().ok()?).ok()?;
                    Some(if below.as_os_str().is_empty() {
                        root.to_path_buf()
                    } else {
                        root.join(below)
                    })
                });
                if let Some(shown) = shown {
                    out.push((full.clone(), super::names::display_path(&shown)));
                }
            }
        }
        out.sort();
        out
    }
}

#[cfg(unix)]
fn path_of(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).replace('/', "\\"))
}

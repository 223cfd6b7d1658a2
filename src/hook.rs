//! `leakhound hook install`: a git pre-commit hook that runs `leakhound staged`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::source::git::open;

/// The line that marks a hook as written by leakhound (so it may be updated in place).
const MARKER: &str = "# Installed by `leakhound hook install`";

/// The hook script for the leakhound binary at `exe`.
pub fn script(exe: &Path) -> String {
    let exe = exe.display().to_string().replace('\'', "'\\''");
    format!(
        "#!/bin/sh\n{MARKER}: scans what is being committed for secrets.\n\
         # Bypass once with `git commit --no-verify` (and say why in review).\n\
         leakhound='{exe}'\n\
         [ -x \"$leakhound\" ] || leakhound=leakhound\n\
         exec \"$leakhound\" staged\n"
    )
}

/// Where git looks for hooks: `core.hooksPath` if set, else `.git/hooks`.
fn hooks_dir(repo: &git2::Repository) -> PathBuf {
    let configured = repo
        .config()
        .ok()
        .and_then(|c| c.get_path("core.hooksPath").ok());
    match configured {
        Some(p) if p.is_absolute() => p,
        Some(p) => repo.workdir().unwrap_or_else(|| repo.path()).join(p),
        None => repo.path().join("hooks"),
    }
}

/// Installs the hook; returns a one-line message saying what was done.
pub fn install(repo_path: &Path, force: bool) -> Result<String> {
    let repo = open(repo_path)?;
    let dir = hooks_dir(&repo);
    let hook = dir.join("pre-commit");
    let exe = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .context("cannot locate the leakhound binary")?;
    let content = script(&exe);
    match std::fs::read_to_string(&hook) {
        Ok(existing) if existing == content => {
            return Ok(format!(
                "{}: leakhound hook already installed",
                hook.display()
            ));
        }
        Ok(existing) if !existing.contains(MARKER) && !force => {
            bail!(
                "{}: a different pre-commit hook exists; --force replaces it (or call `leakhound staged` from it)",
                hook.display()
            );
        }
        _ => {}
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{}: cannot create hooks directory", dir.display()))?;
    std::fs::write(&hook, content)
        .with_context(|| format!("{}: cannot write hook", hook.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("{}: cannot make hook executable", hook.display()))?;
    }
    Ok(format!(
        "{}: installed (runs `leakhound staged` before each commit)",
        hook.display()
    ))
}

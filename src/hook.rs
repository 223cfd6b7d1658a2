//! `leakhound hook install`: a git pre-commit hook that runs `leakhound staged`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::source::git::open;

/// The line that marks a hook as written by leakhound (so it may be updated in place).
const MARKER: &str = "# Installed by `leakhound hook install`";

/// The hook script for the leakhound binary at `exe`. `-q`: a clean commit prints
/// nothing; a refused one prints the findings and what to do about them.
pub(crate) fn script(exe: &Path) -> String {
    let exe = exe.display().to_string().replace('\'', "'\\''");
    format!(
        "#!/bin/sh\n{MARKER}: scans what is being committed for secrets.\n\
         # Bypass once with `git commit --no-verify` (and say why in review).\n\
         leakhound='{exe}'\n\
         [ -x \"$leakhound\" ] || leakhound=leakhound\n\
         exec \"$leakhound\" staged -q\n"
    )
}

/// The directory git runs hooks from, as `git rev-parse --git-path hooks` resolves it:
/// `core.hooksPath` (from any config level, the worktree's `config.worktree`
/// included), absolute or relative to the top of the work tree (where git runs
/// hooks), else `hooks` in the common git directory (shared by linked worktrees,
/// not `.git/worktrees/NAME/hooks`).
fn hooks_dir(repo: &git2::Repository) -> Result<PathBuf> {
    let Some(top) = repo.workdir().filter(|_| !repo.is_bare()) else {
        bail!(
            "{}: a bare repository: git runs no pre-commit hook there (commits are made in a \
             work tree); install the hook in a clone with a work tree",
            repo.path().display()
        );
    };
    let configured = repo
        .config()
        .ok()
        .and_then(|c| c.get_path("core.hooksPath").ok())
        .filter(|p| !p.as_os_str().is_empty());
    Ok(match configured {
        Some(p) if p.is_absolute() => p,
        Some(p) => top.join(p),
        None => repo.commondir().join("hooks"),
    })
}

/// Whether a hook script already runs `leakhound staged` on a line that is not a
/// comment: `leakhound staged`, `/usr/local/bin/leakhound staged -q`,
/// `"$leakhound" staged` (a hook leakhound wrote, behind a link).
fn runs_leakhound_staged(script: &str) -> bool {
    script.lines().any(|line| {
        let code = line.split('#').next().unwrap_or_default();
        let mut words = code.split_whitespace();
        while let Some(w) = words.next() {
            let name = w.trim_matches(|c| c == '"' || c == '\'');
            let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
            if matches!(
                base,
                "leakhound" | "leakhound.exe" | "$leakhound" | "${leakhound}"
            ) && words.clone().next() == Some("staged")
            {
                return true;
            }
        }
        false
    })
}

/// Installs the hook; returns a one-line message saying what was done.
pub(crate) fn install(repo_path: &Path, force: bool) -> Result<String> {
    let repo = open(repo_path)?;
    let dir = hooks_dir(&repo)?;
    let hook = dir.join("pre-commit");
    let exe = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .context("cannot locate the leakhound binary")?;
    let content = script(&exe);
    let link = std::fs::symlink_metadata(&hook)
        .ok()
        .filter(|m| m.file_type().is_symlink())
        .map(|_| std::fs::read_link(&hook).unwrap_or_default());
    // Through the link, if any: what git would run.
    let existing = match std::fs::read(&hook) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) if !force && link.is_none() => bail!(
            "{}: cannot read the existing pre-commit hook ({e}); --force replaces it",
            hook.display()
        ),
        Err(_) => None,
    };
    if let Some(existing) = &existing {
        if *existing == content {
            return Ok(format!(
                "{}: leakhound hook already installed",
                hook.display()
            ));
        }
        let ours = existing.contains(MARKER) && link.is_none();
        if !ours && !force {
            if runs_leakhound_staged(existing) {
                return Ok(format!(
                    "{}: already runs `leakhound staged`; left as it is",
                    hook.display()
                ));
            }
            if existing.contains("pre-commit.com") {
                bail!(
                    "{}: the pre-commit framework's hook is installed; add leakhound to \
                     .pre-commit-config.yaml instead (see the README), or --force replaces it",
                    hook.display()
                );
            }
        }
        if !ours && !force && link.is_none() {
            bail!(
                "{}: a different pre-commit hook exists; --force replaces it (or call `leakhound staged` from it)",
                hook.display()
            );
        }
    }
    if let Some(target) = &link
        && !force
    {
        bail!(
            "{}: a symbolic link to {}; --force replaces the link with leakhound's hook \
             (the file it points to is left as it is)",
            hook.display(),
            target.display()
        );
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{}: cannot create hooks directory", dir.display()))?;
    write_replacing(&hook, &content)?;
    Ok(format!(
        "{}: installed (runs `leakhound staged` before each commit)",
        hook.display()
    ))
}

/// Writes `content` to an executable file `path` by renaming a new file over it: a
/// symbolic link at `path` is replaced, never written through, and an interrupted
/// write leaves the old hook whole.
fn write_replacing(path: &Path, content: &str) -> Result<()> {
    let tmp = path.with_file_name(".pre-commit.leakhound-new");
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o755);
    let written = options.open(&tmp).and_then(|mut f| {
        use std::io::Write;
        f.write_all(content.as_bytes())?;
        f.sync_all()
    });
    let result = written.and_then(|()| {
        // The mode given at creation is reduced by the umask; a hook must be executable.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755))?;
        }
        std::fs::rename(&tmp, path)
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(anyhow::Error::new(e).context(format!("{}: cannot write hook", path.display())));
    }
    Ok(())
}

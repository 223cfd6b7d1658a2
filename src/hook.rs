//! `leakhound hook install` and `hook uninstall`: a git pre-commit hook that runs
//! `leakhound staged`, and its removal.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::source::git::open;

/// The line that marks a hook as written by leakhound (so it may be updated in place).
const MARKER: &str = "# Installed by `leakhound hook install`";

/// Where `hook install --force` keeps the hook it replaced, beside it; `hook
/// uninstall` puts it back.
const BACKUP: &str = "pre-commit.before-leakhound";

/// The hook script for the leakhound binary at `exe`. `-q`: a clean commit prints
/// nothing; a refused one prints the findings and what to do about them.
pub(crate) fn script(exe: &Path) -> String {
    let exe = exe.display().to_string().replace('\'', "'\\''");
    script_text(&exe, " -q")
}

/// The hook with `quoted` (the binary's path, quoted for `'…'`) and `flags` after
/// `staged`: `" -q"` now, `""` in the first version.
fn script_text(quoted: &str, flags: &str) -> String {
    format!(
        "#!/bin/sh\n{MARKER}: scans what is being committed for secrets.\n\
         # Bypass once with `git commit --no-verify` (and say why in review).\n\
         leakhound='{quoted}'\n\
         [ -x \"$leakhound\" ] || leakhound=leakhound\n\
         exec \"$leakhound\" staged{flags}\n"
    )
}

/// Whether `text` is a hook that some version of `hook install` wrote, as it wrote it,
/// for a binary anywhere (its path may hold any character, a newline too): only such a
/// hook is removed by `hook uninstall`.
fn is_ours_unedited(text: &str) -> bool {
    const PATH: &str = "\u{0}";
    [" -q", ""].iter().any(|flags| {
        let template = script_text(PATH, flags);
        template.split_once(PATH).is_some_and(|(head, tail)| {
            text.len() >= head.len() + tail.len() && text.starts_with(head) && text.ends_with(tail)
        })
    })
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
    line_running_leakhound_staged(script).is_some()
}

/// The first line (1-based) of `script` that runs `leakhound staged`, if any.
fn line_running_leakhound_staged(script: &str) -> Option<usize> {
    script
        .lines()
        .position(|line| {
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
        .map(|i| i + 1)
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
                "{}: a different pre-commit hook exists; --force replaces it (keeping it as {BACKUP}), \
                 or call `leakhound staged` from it",
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
    // A hook that is not leakhound's (reached only with --force) is kept, to be put
    // back by `hook uninstall`.
    let ours = link.is_none() && existing.as_deref().is_some_and(|e| e.contains(MARKER));
    let backup = dir.join(BACKUP);
    let keep = std::fs::symlink_metadata(&hook).is_ok() && !ours;
    if keep {
        if std::fs::symlink_metadata(&backup).is_ok() {
            bail!(
                "{}: cannot keep the hook --force would replace: {} already holds one an \
                 earlier `hook install --force` replaced; move it away first",
                hook.display(),
                backup.display()
            );
        }
        std::fs::rename(&hook, &backup).with_context(|| {
            format!(
                "{}: cannot keep the existing hook as {}",
                hook.display(),
                backup.display()
            )
        })?;
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{}: cannot create hooks directory", dir.display()))?;
    if let Err(e) = write_replacing(&hook, &content) {
        if keep {
            let _ = std::fs::rename(&backup, &hook);
        }
        return Err(e);
    }
    Ok(format!(
        "{}: installed (runs `leakhound staged` before each commit){}",
        hook.display(),
        if keep {
            format!(
                "; the hook it replaced is kept as {BACKUP} (`leakhound hook uninstall` puts it back)"
            )
        } else {
            String::new()
        }
    ))
}

/// What `hook uninstall` found: `Ok` when leakhound no longer runs from the hook
/// (removed, or never there), with a one-line message; an error when it still does and
/// was left (a hook leakhound did not write that runs it, or leakhound's hook edited).
pub(crate) fn uninstall(repo_path: &Path) -> Result<String> {
    let repo = open(repo_path)?;
    let dir = hooks_dir(&repo)?;
    let hook = dir.join("pre-commit");
    let backup = dir.join(BACKUP);
    let has_backup = std::fs::symlink_metadata(&backup).is_ok();
    let backup_note = if has_backup {
        format!(
            "; {BACKUP} (a hook `hook install --force` replaced) is left too: rename it to \
             pre-commit to run it again"
        )
    } else {
        String::new()
    };
    let meta = match std::fs::symlink_metadata(&hook) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(format!(
                "{}: no pre-commit hook; nothing to uninstall{backup_note}",
                hook.display()
            ));
        }
        Err(e) => bail!("{}: cannot read the pre-commit hook ({e})", hook.display()),
    };
    // Through the link, if any: what git would run.
    let text = match std::fs::read(&hook) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) if meta.file_type().is_symlink() => String::new(),
        Err(e) => bail!("{}: cannot read the pre-commit hook ({e})", hook.display()),
    };
    // `hook install` never writes a link, so a link is someone else's.
    if !meta.file_type().is_symlink() && is_ours_unedited(&text) {
        std::fs::remove_file(&hook)
            .with_context(|| format!("{}: cannot remove the hook", hook.display()))?;
        if !has_backup {
            return Ok(format!("{}: removed leakhound's hook", hook.display()));
        }
        std::fs::rename(&backup, &hook).with_context(|| {
            format!(
                "{}: removed leakhound's hook, but cannot put back {}",
                hook.display(),
                backup.display()
            )
        })?;
        return Ok(format!(
            "{}: removed leakhound's hook and put back the hook it replaced (from {BACKUP})",
            hook.display()
        ));
    }
    if text.contains(MARKER) && !meta.file_type().is_symlink() {
        bail!(
            "{}: leakhound's hook, changed since `hook install` wrote it; left as it is: \
             delete it yourself if nothing in it is yours",
            hook.display()
        );
    }
    if let Some(line) = line_running_leakhound_staged(&text) {
        bail!(
            "{}: not the hook `hook install` wrote, but it runs `leakhound staged` (line {line}); \
             left as it is: remove that line to stop leakhound running before commits",
            hook.display()
        );
    }
    if text.contains("pre-commit.com") {
        return Ok(format!(
            "{}: the pre-commit framework's hook, left as it is (leakhound runs from it only \
             if .pre-commit-config.yaml lists it: remove it there){backup_note}",
            hook.display()
        ));
    }
    let what = if meta.file_type().is_symlink() {
        "a symbolic link, not leakhound's hook"
    } else {
        "not leakhound's hook"
    };
    Ok(format!(
        "{}: {what}; left as it is (leakhound does not run from it){backup_note}",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn its_own_hook_is_recognised_for_any_binary_path_and_only_unedited() {
        for exe in [
            "/usr/local/bin/leakhound",
            "/home/a b/it's/leakhound",
            "/tmp/new\nline/leakhound",
            "",
        ] {
            let hook = script(Path::new(exe));
            assert!(is_ours_unedited(&hook), "{hook}");
            assert!(!is_ours_unedited(
                &hook.replace("staged -q", "staged -q --no-config")
            ));
            assert!(!is_ours_unedited(&format!("{hook}echo after\n")));
            assert!(!is_ours_unedited(&hook.replacen('\n', "\nset -x\n", 1)));
            assert!(is_ours_unedited(&hook.replace("staged -q", "staged")));
        }
        assert!(!is_ours_unedited(MARKER));
        assert!(!is_ours_unedited(""));
    }
}

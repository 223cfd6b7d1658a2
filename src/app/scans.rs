//! `scan`, `git` and `staged`: the engine for the scanned root, the scan itself, and
//! the root the report's paths and URIs are relative to; `baseline create` runs the
//! same scans.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{GitArgs, OutputArgs, ScanArgs, StagedArgs};
use crate::config::ScannedTrees;
use crate::detect::Engine;
use crate::gitleaks::ignore::GitleaksIgnore;
use crate::report::{PathsFrom, RunInfo, SourceRoot};
use crate::scan::Gathered;
use crate::source::incremental::RecordOptions;
use crate::source::names::display_path;
use crate::source::{ScanOptions, git, staged};

use super::engine::{Verifying, engine_for};
use super::output::{check_destinations, emit};

/// `leakhound scan`: the working tree (or standard input), reported.
pub(super) fn run_scan(args: &ScanArgs) -> Result<u8> {
    check_destinations(&args.out)?;
    let root = scan_root(args);
    let ignore = gitleaks_ignore(&args.out, Some(&root), &display_path(&root))?;
    let scanned = scan_tree(args)?;
    report(scanned, &args.out, "scan", tree_source_root(args), ignore)
}

/// `leakhound git`: the history, reported.
pub(super) fn run_git(args: &GitArgs) -> Result<u8> {
    check_destinations(&args.out)?;
    let ignore = gitleaks_ignore(&args.out, repo_root(&args.repo).as_deref(), "")?;
    let scanned = scan_git(args)?;
    report(
        scanned,
        &args.out,
        "git",
        repo_source_root(&args.repo),
        ignore,
    )
}

/// `leakhound staged`: what is about to be committed, reported.
pub(super) fn run_staged(args: &StagedArgs) -> Result<u8> {
    check_destinations(&args.out)?;
    let root = staged::work_tree(&args.repo);
    let ignore = gitleaks_ignore(&args.out, root.as_deref(), "")?;
    let scanned = scan_staged(args)?;
    report(
        scanned,
        &args.out,
        "staged",
        repo_source_root(&args.repo),
        ignore,
    )
}

/// The `.gitleaksignore` beside the config a scan rooted at `root` reads (none with
/// `--no-config`); `base` is how the scan shows `root` in its paths.
fn gitleaks_ignore(
    out: &OutputArgs,
    root: Option<&Path>,
    base: &str,
) -> Result<Option<GitleaksIgnore>> {
    match root {
        Some(root) if !out.no_config => Ok(GitleaksIgnore::discover(root, base)?),
        _ => Ok(None),
    }
}

/// Reports a scan as `command`, with paths relative to `source_root`.
fn report(
    (engine, gathered, verifying): Scanned,
    out: &OutputArgs,
    command: &'static str,
    source_root: Option<SourceRoot>,
    ignore: Option<GitleaksIgnore>,
) -> Result<u8> {
    let run = RunInfo {
        command,
        source_root,
    };
    emit(
        &engine,
        gathered,
        out,
        verifying.as_ref(),
        run,
        ignore.as_ref(),
    )
}

/// The directory whose `.leakhound.toml` applies to a working-tree scan: the first
/// directory named, else the parent of the first file, else the current directory.
fn scan_root(args: &ScanArgs) -> PathBuf {
    let named = args.paths.iter().find(|p| p.as_os_str() != "-");
    match named {
        Some(p) if p.is_dir() => p.clone(),
        Some(p) => p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => PathBuf::from("."),
    }
}

/// The work tree of the repository around `repo`, whose `.leakhound.toml` applies.
pub(super) fn repo_root(repo: &Path) -> Option<PathBuf> {
    git::discover(repo)
        .ok()
        .and_then(|r| r.workdir().map(Path::to_path_buf))
}

/// The root SARIF URIs of a working-tree scan are relative to: the work tree of the
/// repository around the scan root; outside a repository, the current directory when
/// the scan root was named relative to it and lies under it (URIs then read as the
/// text report's paths), else the scan root itself.
fn tree_source_root(args: &ScanArgs) -> Option<SourceRoot> {
    let cwd = std::env::current_dir().ok()?;
    let named = scan_root(args);
    let root = std::fs::canonicalize(cwd.join(&named)).ok()?;
    let dir = repo_root(&root)
        .and_then(|d| std::fs::canonicalize(d).ok())
        .or_else(|| {
            let here = std::fs::canonicalize(&cwd).ok()?;
            (named.is_relative() && root.starts_with(&here)).then_some(here)
        })
        .unwrap_or(root);
    Some(SourceRoot {
        dir,
        paths: PathsFrom::Cwd(cwd),
    })
}

/// The work tree of a history or index scan, whose paths are relative to it already
/// (none for a bare repository).
fn repo_source_root(repo: &Path) -> Option<SourceRoot> {
    let dir = std::fs::canonicalize(repo_root(repo)?).ok()?;
    Some(SourceRoot {
        dir,
        paths: PathsFrom::Root,
    })
}

/// An engine, what it gathered, and how `--verify` runs, if it does.
pub(super) type Scanned = (Engine, Gathered, Option<Verifying>);

pub(super) fn scan_tree(args: &ScanArgs) -> Result<Scanned> {
    let root = scan_root(args);
    // The tree scanned: the root and every path named.
    let named = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(PathBuf::as_path);
    let trees = ScannedTrees::new(std::iter::once(root.as_path()).chain(named));
    let (engine, verifying) = engine_for(&args.out, Some(&root), &trees, false)?;
    let opts = ScanOptions {
        paths: args.paths.clone(),
        no_ignore: args.no_ignore,
        follow_links: args.follow,
        max_file_size: args.out.max_file_size,
        threads: args.out.threads,
    };
    let gathered = crate::source::tree(&engine, &opts)?;
    Ok((engine, gathered, verifying))
}

pub(super) fn scan_git(args: &GitArgs) -> Result<Scanned> {
    let root = repo_root(&args.repo);
    let trees = ScannedTrees::new(root.as_deref());
    let (engine, verifying) = engine_for(&args.out, root.as_deref(), &trees, false)?;
    let selection = match (&args.range, args.revs.is_empty()) {
        (Some(range), _) => git::Selection::Range(range.clone()),
        (None, false) => git::Selection::Revs(args.revs.clone()),
        (None, true) => git::Selection::AllRefs,
    };
    let opts = git::GitOptions {
        repo: args.repo.clone(),
        selection,
        max_file_size: args.out.max_file_size,
        threads: args.out.threads,
        progress: !args.out.quiet && std::io::stderr().is_terminal(),
        incremental: args.incremental.as_ref().map(|file| RecordOptions {
            file: file.clone(),
            needs_secrets: args.out.show_secrets
                || args.out.replace_text_file.is_some()
                || verifying.is_some(),
        }),
    };
    let gathered = git::scan(&engine, &opts)?;
    Ok((engine, gathered, verifying))
}

pub(super) fn scan_staged(args: &StagedArgs) -> Result<Scanned> {
    let root = staged::work_tree(&args.repo);
    let trees = ScannedTrees::new(root.as_deref());
    let (engine, verifying) = engine_for(&args.out, root.as_deref(), &trees, true)?;
    let gathered = staged::scan(&engine, &args.repo, args.out.max_file_size)?;
    Ok((engine, gathered, verifying))
}

//! Runs a parsed command line: builds the rule set and engine, scans, writes reports,
//! and decides the exit code. `main.rs` only maps the result to a process exit.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::{
    BaselineCommand, BaselineMode, Cli, Command, Format, GitArgs, HookCommand, OutputArgs,
    RuleArgs, RulesCommand, ScanArgs, StagedArgs,
};
use crate::config::Config;
use crate::detect::Engine;
use crate::hook;
use crate::report::{
    PathsFrom, ReportInput, RunInfo, SourceRoot, json, markdown, purge, sarif, severity_name, text,
};
use crate::rules::RuleSet;
use crate::scan::{Finishing, Gathered, Outcome, finish};
use crate::source::{ScanOptions, git, staged};
use crate::{admit, baseline};

/// Exit code for errors (bad flags, bad rule files, unreadable roots).
pub const EXIT_ERROR: u8 = 2;

pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Scan(args) => {
            let (engine, outcome) = scan_tree(&args)?;
            let run = RunInfo {
                command: "scan",
                source_root: tree_source_root(&args),
            };
            emit(&engine, outcome, &args.out, run)
        }
        Command::Git(args) => {
            let (engine, outcome) = scan_git(&args)?;
            let run = RunInfo {
                command: "git",
                source_root: repo_source_root(&args.repo),
            };
            emit(&engine, outcome, &args.out, run)
        }
        Command::Staged(args) => {
            let (engine, outcome) = scan_staged(&args)?;
            let run = RunInfo {
                command: "staged",
                source_root: repo_source_root(&args.repo),
            };
            emit(&engine, outcome, &args.out, run)
        }
        Command::Baseline(BaselineCommand::Create { file, mode }) => create_baseline(&file, mode),
        Command::Hook(cmd) => run_hook(cmd),
        Command::Rules(cmd) => run_rules(cmd),
    }
}

/// Built-in rules plus every `--rules` path, admitted: a user rule that would scan
/// wrongly fails before the scan, with its file, line and column.
fn load_rules(args: &RuleArgs) -> Result<RuleSet> {
    Ok(Config::default().rule_set(admit::read(&args.rules)?)?)
}

/// The engine for a scan rooted at `root`: the config (`--config`, else
/// `.leakhound.toml` in `root`, unless `--no-config`), its rules, `--rules`, and the
/// suppressions.
fn engine_for(out: &OutputArgs, root: Option<&Path>) -> Result<Engine> {
    let config = if out.no_config {
        Config::default()
    } else {
        Config::discover(out.config.as_deref(), root)?
    };
    let set = config.rule_set(admit::read(&out.rule_args.rules)?)?;
    Ok(Engine::new(set).with_policy(config.into_policy(!out.no_inline_allow)))
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
fn repo_root(repo: &Path) -> Option<PathBuf> {
    git2::Repository::discover(repo)
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

fn scan_tree(args: &ScanArgs) -> Result<(Engine, Gathered)> {
    let engine = engine_for(&args.out, Some(&scan_root(args)))?;
    let opts = ScanOptions {
        paths: args.paths.clone(),
        no_ignore: args.no_ignore,
        follow_links: args.follow,
        max_file_size: args.out.max_file_size,
        threads: args.out.threads,
    };
    let gathered = crate::source::tree(&engine, &opts)?;
    Ok((engine, gathered))
}

fn scan_git(args: &GitArgs) -> Result<(Engine, Gathered)> {
    let engine = engine_for(&args.out, repo_root(&args.repo).as_deref())?;
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
    };
    let gathered = git::scan(&engine, &opts)?;
    Ok((engine, gathered))
}

fn scan_staged(args: &StagedArgs) -> Result<(Engine, Gathered)> {
    let engine = engine_for(&args.out, staged::work_tree(&args.repo).as_deref())?;
    let gathered = staged::scan(&engine, &args.repo, args.out.max_file_size)?;
    Ok((engine, gathered))
}

/// `baseline create FILE MODE …`: runs the scan and writes its findings to FILE.
fn create_baseline(file: &Path, mode: BaselineMode) -> Result<u8> {
    let (engine, gathered, out) = match &mode {
        BaselineMode::Scan(a) => {
            let (e, o) = scan_tree(a)?;
            (e, o, &a.out)
        }
        BaselineMode::Git(a) => {
            let (e, o) = scan_git(a)?;
            (e, o, &a.out)
        }
        BaselineMode::Staged(a) => {
            let (e, o) = scan_staged(a)?;
            (e, o, &a.out)
        }
    };
    if out.baseline.is_some() {
        bail!(
            "--baseline cannot be used with `baseline create`: the new baseline records every finding"
        );
    }
    let outcome = finish(&engine, gathered, &Finishing::default());
    let mut stderr = std::io::stderr().lock();
    for w in &outcome.warnings {
        writeln!(stderr, "leakhound: {}", text::escape(&w.to_string()))?;
    }
    write_missed(&outcome, out.allow_partial, &mut stderr)?;
    if !outcome.missed.is_empty() && !out.allow_partial {
        bail!(
            "baseline {} not written: the scan is incomplete (--allow-partial writes it anyway)",
            file.display()
        );
    }
    let accepted = write_file(file, 0o644, "baseline", |w| {
        baseline::write(&outcome.groups, engine.rules(), outcome.now, w)
    })?;
    if !out.quiet {
        writeln!(
            stderr,
            "leakhound: baseline {} written: {} accepted",
            file.display(),
            text::secrets_at_locations(accepted.secrets as u64, accepted.locations as u64)
        )?;
    }
    Ok(0)
}

fn run_hook(cmd: HookCommand) -> Result<u8> {
    match cmd {
        HookCommand::Install { repo, force } => {
            let message = hook::install(&repo, force)?;
            let mut out = StdoutSink::new();
            writeln!(out, "{message}")?;
            Ok(0)
        }
    }
}

/// Prints warnings and notes, writes the report, prints the summary and returns the
/// exit code.
fn emit(engine: &Engine, gathered: Gathered, args: &OutputArgs, run: RunInfo) -> Result<u8> {
    let known = args.baseline.as_deref().map(baseline::load).transpose()?;
    let finishing = Finishing {
        baseline: known.as_ref(),
    };
    let outcome = &finish(engine, gathered, &finishing);
    let mut stderr = std::io::stderr().lock();
    for w in &outcome.warnings {
        writeln!(stderr, "leakhound: {}", text::escape(&w.to_string()))?;
    }
    write_missed(outcome, args.allow_partial, &mut stderr)?;
    let input = ReportInput {
        rules: engine.rules(),
        outcome,
        show_secrets: args.show_secrets,
        all_locations: args.all_locations,
        run,
    };
    match &args.output {
        Some(path) => {
            // A report with secrets in clear is for its owner only.
            let mode = if args.show_secrets { 0o600 } else { 0o644 };
            write_file(path, mode, "report", |w| {
                write_report(&input, args.format, false, w)
            })?;
        }
        None => {
            let color = std::io::stdout().is_terminal() && no_color_unset();
            let mut out = BufWriter::new(StdoutSink::new());
            write_report(&input, args.format, color, &mut out)
                .and_then(|()| out.flush())
                .context("cannot write report to standard output")?;
        }
    }
    if let Some(path) = &args.replace_text_file {
        write_replace_text(engine, outcome, path)?;
    }
    // Notes say what was left out (too large, a shallow clone's early history,
    // submodules): they are printed even under `-q`.
    for n in &outcome.notes {
        writeln!(stderr, "leakhound: note: {}", text::escape(n))?;
    }
    if !args.quiet {
        writeln!(stderr, "{}", text::summary(outcome))?;
    }
    // An input that could not be scanned because of a bug makes the whole scan
    // inconclusive: an error, whatever was found elsewhere. So does one that could not
    // be read, unless the caller accepts a partial scan.
    let incomplete = !outcome.missed.is_empty() && !args.allow_partial;
    Ok(if outcome.stats.failed > 0 || incomplete {
        EXIT_ERROR
    } else if outcome.groups.is_empty() {
        0
    } else {
        args.exit_code
    })
}

/// At most this many unreadable inputs are named on stderr; the JSON report, SARIF
/// log and playbook name every one (the playbook up to 50).
const MISSED_NAMED: usize = 20;

/// Names the inputs that could not be read, then one line saying that the scan is
/// incomplete and what that does to the exit code. Printed even under `-q`.
fn write_missed(outcome: &Outcome, allow_partial: bool, stderr: &mut dyn Write) -> Result<()> {
    if outcome.missed.is_empty() {
        return Ok(());
    }
    for m in outcome.missed.iter().take(MISSED_NAMED) {
        writeln!(
            stderr,
            "leakhound: warning: {}",
            text::escape(&m.to_string())
        )?;
    }
    let n = outcome.missed.len();
    if n > MISSED_NAMED {
        writeln!(
            stderr,
            "leakhound: warning: … and {} more (the JSON report lists every one)",
            n - MISSED_NAMED
        )?;
    }
    for e in &outcome.missed_explanation {
        writeln!(stderr, "leakhound: warning: {}", text::escape(e))?;
    }
    writeln!(
        stderr,
        "leakhound: warning: incomplete scan: {n} input{} could not be read and {} not scanned; {}",
        if n == 1 { "" } else { "s" },
        if n == 1 { "was" } else { "were" },
        if allow_partial {
            "--allow-partial: the exit code reflects the findings only"
        } else {
            "exit code 2 (--allow-partial accepts an incomplete scan)"
        }
    )?;
    Ok(())
}

/// Writes `path` whole or not at all: into a new temporary file in the same directory,
/// created with `mode` (less the umask), renamed over `path` once complete. A failed
/// write leaves what `path` held untouched; an existing file's mode does not carry
/// over. A symbolic link is followed to the file it names, which is replaced (the link
/// stays). Something that is not a regular file (`/dev/null`, a FIFO, `/dev/stdout`) is
/// written to as it is: renaming over it would replace a device with a file. `what`
/// names the file in errors.
fn write_file<T>(
    path: &Path,
    mode: u32,
    what: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
) -> Result<T> {
    // A device or FIFO (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written in
    // place: renaming a file over it would replace the device node itself.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("{}: cannot open {what} file", path.display()))?;
        let mut w = BufWriter::new(file);
        return write(&mut w)
            .and_then(|v| w.flush().map(|()| v))
            .with_context(|| format!("{}: cannot write {what}", path.display()));
    }
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".leakhound-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(mode));
    #[cfg(not(unix))]
    let _ = mode;
    let tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create {what} file", path.display()))?;
    let mut w = BufWriter::new(tmp);
    let value = write(&mut w)
        .and_then(|v| w.flush().map(|()| v))
        .with_context(|| format!("{}: cannot write {what}", path.display()))?;
    let tmp = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("{}: cannot write {what}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot write {what}", path.display()))?;
    Ok(value)
}

/// Writes the history-purge expressions file, readable by its owner only (it holds
/// every secret in clear): never through a symbolic link, and as a new file of mode
/// 0600 even where a file with looser permissions existed.
fn write_replace_text(engine: &Engine, outcome: &Outcome, path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "{}: is a symbolic link; the replace-text file holds secrets in clear and is not \
             written through a link (name a regular file)",
            path.display()
        );
    }
    let n = write_file(path, 0o600, "replace-text", |w| {
        purge::write_replace_text(&outcome.groups, engine.rules(), w)
    })?;
    let short = purge::skipped_short(&outcome.groups);
    let mut stderr = std::io::stderr().lock();
    writeln!(
        stderr,
        "leakhound: {} written: {n} expression{} for `git filter-repo --replace-text` (it holds the secrets in clear: delete it after use){}",
        path.display(),
        if n == 1 { "" } else { "s" },
        if short > 0 {
            format!(
                "; {short} secret(s) under {} bytes left out",
                purge::MIN_LEN
            )
        } else {
            String::new()
        }
    )?;
    if !purge::filter_repo_installed() {
        writeln!(
            stderr,
            "leakhound: git filter-repo is not installed here; `pip install git-filter-repo` installs it"
        )?;
    }
    Ok(())
}

/// `NO_COLOR` set to anything non-empty disables colour (https://no-color.org).
fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn write_report(
    input: &ReportInput<'_>,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Text => text::write(input, color, out),
        Format::Json => json::write(input, out),
        Format::Sarif => sarif::write(input, out),
        Format::Markdown => markdown::write(input, out),
    }
}

/// Standard output that a closed reader does not turn into an error. When the reader
/// goes away (`leakhound … | head`), the first write fails with `BrokenPipe` (Rust
/// ignores `SIGPIPE`); from then on everything written is dropped, silently, so the
/// command finishes and its exit code is the one its findings decide, as with
/// ripgrep. Any other write error is still an error.
struct StdoutSink {
    out: std::io::StdoutLock<'static>,
    closed: bool,
}

impl StdoutSink {
    fn new() -> StdoutSink {
        StdoutSink {
            out: std::io::stdout().lock(),
            closed: false,
        }
    }

    fn closed_pipe<T>(&mut self, r: std::io::Result<T>, none: T) -> std::io::Result<T> {
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(none)
            }
            other => other,
        }
    }
}

impl Write for StdoutSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = self.out.write(buf);
        self.closed_pipe(r, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.out.flush();
        self.closed_pipe(r, ())
    }
}

fn run_rules(cmd: RulesCommand) -> Result<u8> {
    let mut out = BufWriter::new(StdoutSink::new());
    match cmd {
        RulesCommand::List { rule_args, format } => {
            let set = load_rules(&rule_args)?;
            if format == Format::Json {
                let list: Vec<_> = set
                    .rules()
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id(),
                            "name": r.def.name,
                            "provider": r.provider,
                            "severity": severity_name(r.def.severity),
                            "confidence": json::confidence_name(r.def.confidence),
                            "keywords": r.def.keywords,
                            "source": r.source,
                        })
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut out, &list)?;
                writeln!(out)?;
            } else {
                for r in set.rules() {
                    writeln!(
                        out,
                        "{:<36} {:<8} {:<28} {}",
                        r.id(),
                        severity_name(r.def.severity),
                        r.def.keywords.join(","),
                        r.def.name
                    )?;
                }
                writeln!(out, "{} rules", set.len())?;
            }
            out.flush()?;
            Ok(0)
        }
        RulesCommand::Check { rule_args, config } => {
            let config = match config {
                Some(path) => Config::discover(Some(&path), None)?,
                None => Config::default(),
            };
            let (set, problems) = config.review(admit::read(&rule_args.rules)?);
            for p in &problems {
                writeln!(out, "{p}")?;
            }
            let examples: usize = set
                .rules()
                .iter()
                .map(|r| r.def.examples.len() + r.def.negative_examples.len())
                .sum();
            if problems.is_empty() {
                writeln!(
                    out,
                    "{} rules OK ({} examples checked)",
                    set.len(),
                    examples
                )?;
                out.flush()?;
                Ok(0)
            } else {
                writeln!(out, "{} problem(s) in {} rules", problems.len(), set.len())?;
                out.flush()?;
                Ok(1)
            }
        }
        RulesCommand::Show { id, rule_args } => {
            let set = load_rules(&rule_args)?;
            let Some(r) = set.rules().iter().find(|r| r.id() == id) else {
                bail!("no rule with id '{id}' (see `leakhound rules list`)");
            };
            let d = &r.def;
            writeln!(out, "{} — {} ({})", d.id, d.name, r.provider)?;
            writeln!(
                out,
                "severity: {}, confidence: {}, keywords: {}, defined in {}",
                severity_name(d.severity),
                json::confidence_name(d.confidence),
                d.keywords.join(", "),
                r.source
            )?;
            writeln!(
                out,
                "\n{}\n\n{}\n",
                d.description.trim(),
                d.remediation.trim()
            )?;
            writeln!(out, "References:")?;
            for u in &d.references {
                writeln!(out, "  {u}")?;
            }
            out.flush()?;
            Ok(0)
        }
    }
}

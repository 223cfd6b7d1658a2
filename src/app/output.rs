//! What every scan shares once it has an outcome: warnings and notes on stderr, the
//! report (to standard output or a file written whole), the replace-text file, the
//! summary, and the exit code.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::baseline;
use crate::cli::{Format, OutputArgs};
use crate::confidence::Level;
use crate::detect::Engine;
use crate::finding::VerifyStatus;
use crate::gitleaks::ignore::GitleaksIgnore;
use crate::report::{
    ReportInput, RunInfo, csv, github, gitlab, json, jsonl, junit, markdown, purge, sarif, text,
};
use crate::scan::{Filter, Finishing, Gathered, Outcome, finish};

use super::engine::Verifying;

/// Prints warnings and notes, writes the report, prints the summary and returns the
/// exit code.
pub(super) fn emit(
    engine: &Engine,
    gathered: Gathered,
    args: &OutputArgs,
    verifying: Option<&Verifying>,
    run: RunInfo,
    gitleaks_ignore: Option<&GitleaksIgnore>,
) -> Result<u8> {
    let known = args.baseline.as_deref().map(baseline::load).transpose()?;
    let finishing = Finishing {
        baseline: known.as_ref(),
        gitleaks_ignore,
        filter: filter(args),
        keep_baselined: verifying.is_some(),
    };
    let mut outcome = finish(engine, gathered, &finishing);
    let verified = verifying.map(|v| verify(engine, &mut outcome, args, v));
    let outcome = &outcome;
    let mut stderr = std::io::stderr().lock();
    write_warnings(outcome, args.allow_partial, &mut stderr)?;
    if let Some(summary) = &verified {
        writeln!(stderr, "{}", verify_summary(summary))?;
        let live_accepted = outcome
            .groups
            .iter()
            .filter(|g| g.verification.as_ref().is_some_and(|v| v.baselined))
            .count();
        if live_accepted > 0 {
            writeln!(
                stderr,
                "leakhound: warning: verify: {live_accepted} secret{} the baseline accepts {} still live: reported again",
                if live_accepted == 1 { "" } else { "s" },
                if live_accepted == 1 { "is" } else { "are" },
            )?;
        }
        if summary.capped > 0 {
            writeln!(
                stderr,
                "leakhound: error: verify: {} secret{} not sent: the cap on requests was reached, \
                 so the verification is incomplete (exit 2 unless --allow-partial)",
                summary.capped,
                if summary.capped == 1 {
                    " was"
                } else {
                    "s were"
                }
            )?;
        }
        if summary.given_up > 0 {
            writeln!(
                stderr,
                "leakhound: error: verify: {} secret{} not sent: a host that kept answering 429 \
                 was given up on, so the verification is incomplete (exit 2 unless --allow-partial)",
                summary.given_up,
                if summary.given_up == 1 {
                    " was"
                } else {
                    "s were"
                },
            )?;
        }
    }
    let input = ReportInput {
        rules: engine.rules(),
        outcome,
        show_secrets: args.show_secrets,
        all_locations: args.all_locations,
        run,
    };
    // A report with secrets in clear is for its owner only.
    let mode = if args.show_secrets { 0o600 } else { 0o644 };
    match &args.output {
        Some(path) => {
            write_file(path, mode, "report", |w| {
                write_report(&input, args.format, false, w)
            })?;
        }
        None => {
            let color = super::color::stdout_colored();
            let mut out = BufWriter::new(StdoutSink::new());
            write_report(&input, args.format, color, &mut out)
                .and_then(|()| out.flush())
                .context("cannot write report to standard output")?;
        }
    }
    for extra in &args.reports {
        write_file(&extra.file, mode, "report", |w| {
            write_report(&input, extra.format, false, w)
        })?;
    }
    let github_report = std::iter::once(args.format)
        .chain(args.reports.iter().map(|r| r.format))
        .any(|f| f == Format::Github);
    if github_report {
        append_step_summary(&input)?;
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
    } else if let Some(left_out) = text::left_out(outcome) {
        // `-q` drops the summary, but a scan that left findings out must not look
        // silently clean.
        writeln!(stderr, "leakhound: note: {left_out}")?;
    }
    // An input that could not be scanned because of a bug makes the whole scan
    // inconclusive: an error, whatever was found elsewhere. So does one that could not
    // be read, unless the caller accepts a partial scan.
    // Secrets the request cap kept from being verified make the verification, and so
    // any filter or exit code decided by it, incomplete.
    // So do secrets whose host was given up on after answering 429.
    let capped = verified
        .as_ref()
        .is_some_and(|s| s.capped > 0 || s.given_up > 0);
    let incomplete = (!outcome.missed.is_empty() || capped) && !args.allow_partial;
    let failing = match &args.fail_on {
        Some(statuses) => outcome.groups.iter().any(|g| {
            g.verification
                .as_ref()
                .is_some_and(|v| statuses.0.contains(&v.status))
        }),
        None => !outcome.groups.is_empty(),
    };
    Ok(if outcome.stats.failed > 0 || incomplete {
        EXIT_ERROR
    } else if failing {
        args.exit_code
    } else {
        0
    })
}

/// `--verify`: asks the providers, sets each group's verification, then applies
/// `--results` / `--only-verified`.
fn verify(
    engine: &Engine,
    outcome: &mut Outcome,
    args: &OutputArgs,
    verifying: &Verifying,
) -> crate::verify::Summary {
    let opts = crate::verify::Options {
        providers: verifying.providers.clone(),
        timeout: verifying.timeout,
        max_requests: verifying.max_requests,
        progress: !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        ..crate::verify::Options::default()
    };
    // The secrets the baseline accepts are asked too, after the reported ones: one still
    // live is reported again, whatever the baseline says.
    let reported = outcome.groups.len();
    let mut groups = std::mem::take(&mut outcome.groups);
    groups.append(&mut outcome.baselined);
    let summary = crate::verify::verify(engine.rules(), &mut groups, &opts);
    let accepted = groups.split_off(reported);
    outcome.groups = groups;
    for mut g in accepted {
        if let Some(v) = g
            .verification
            .as_mut()
            .filter(|v| v.status == VerifyStatus::Verified)
        {
            v.baselined = true;
            outcome.stats.suppressed_baseline = outcome
                .stats
                .suppressed_baseline
                .saturating_sub(g.findings.len() as u64);
            outcome.stats.suppressed_baseline_secrets =
                outcome.stats.suppressed_baseline_secrets.saturating_sub(1);
            outcome.groups.push(g);
        }
    }
    // History is reported by urgency, and a live secret is the most urgent; a secret
    // the baseline accepted takes its place among the others.
    if outcome.history.is_some() {
        let now = outcome.now;
        outcome
            .groups
            .sort_by_cached_key(|g| g.urgency(engine.rules(), now));
    } else if outcome.groups.len() > reported {
        crate::finding::sort_by_location(engine.rules(), &mut outcome.groups);
    }
    let wanted = if args.only_verified {
        Some(vec![VerifyStatus::Verified])
    } else {
        args.results.as_ref().map(|s| s.0.clone())
    };
    if let Some(wanted) = wanted {
        let before = outcome.groups.len();
        let mut locations = 0;
        outcome.groups.retain(|g| {
            let keep = g
                .verification
                .as_ref()
                .is_some_and(|v| wanted.contains(&v.status));
            if !keep {
                locations += g.findings.len() as u64;
            }
            keep
        });
        let left = (before - outcome.groups.len()) as u64;
        outcome.stats.filtered += locations;
        outcome.stats.filtered_secrets += left;
        outcome.stats.filtered_by_verification += left;
    }
    summary
}

/// One line on standard error: how many requests went where, and what they said.
fn verify_summary(s: &crate::verify::Summary) -> String {
    let hosts: Vec<String> = s
        .hosts
        .iter()
        .map(|((host, origin), n)| format!("{host} {n} ({origin})"))
        .collect();
    format!(
        "leakhound: verify: {} verified, {} invalid, {} unknown; {} request{} sent{}{}",
        s.verified,
        s.invalid,
        s.unknown,
        s.requests,
        if s.requests == 1 { "" } else { "s" },
        if hosts.is_empty() { "" } else { ": " },
        text::escape(&hosts.join(", "))
    )
}

/// Refuses, before anything is scanned, two outputs named by the same file (`-o`,
/// `--report`, `--replace-text-file`): the last one written would replace the others.
pub(super) fn check_destinations(args: &OutputArgs) -> Result<()> {
    let mut named: Vec<(&Path, &str)> = Vec::new();
    let files = args
        .output
        .iter()
        .map(|p| (p.as_path(), "-o"))
        .chain(args.reports.iter().map(|r| (r.file.as_path(), "--report")))
        .chain(
            args.replace_text_file
                .iter()
                .map(|p| (p.as_path(), "--replace-text-file")),
        );
    for (path, flag) in files {
        if let Some((_, first)) = named.iter().find(|(p, _)| same_file(p, path)) {
            bail!(
                "{}: named by both {first} and {flag}; give each output its own file",
                path.display()
            );
        }
        named.push((path, flag));
    }
    Ok(())
}

/// Whether two output paths name one file: the same spelling once `.` is dropped, or
/// the same file once links and directories are resolved (a file not written yet
/// included: its directory resolved, and a dangling link followed to its target).
fn same_file(a: &Path, b: &Path) -> bool {
    let plain = |p: &Path| -> std::path::PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    if plain(a) == plain(b) {
        return true;
    }
    match (resolved(a), resolved(b)) {
        (Some(x), Some(y)) => x == y && !x.is_dir(),
        _ => false,
    }
}

/// Where writing `path` would land: the file itself if it exists, else its directory
/// resolved and its name (after following at most a few dangling links).
fn resolved(path: &Path) -> Option<std::path::PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let mut p = path.to_path_buf();
    for _ in 0..8 {
        let Ok(target) = std::fs::read_link(&p) else {
            break;
        };
        p = p.parent().unwrap_or(Path::new("")).join(target);
    }
    let name = p.file_name()?.to_owned();
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// The report filter the flags ask for.
pub(super) fn filter(args: &OutputArgs) -> Filter {
    Filter {
        exclude_contexts: args
            .exclude_context
            .as_ref()
            .map_or_else(Vec::new, |c| c.0.clone()),
        min_confidence: Some(args.min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE)),
    }
}

/// The confidence a finding needs to be reported when `--min-confidence` is not
/// given: the lowest level at which every rule family met the precision targets on
/// the real-code benchmark (`benches/realcode/judge.py`). Below it sit password hashes
/// (htpasswd entries), which are not credentials until cracked.
pub(crate) const DEFAULT_MIN_CONFIDENCE: Level = Level::Medium;

/// Writes the warnings, then what could not be read, on stderr (even under `-q`).
pub(super) fn write_warnings(
    outcome: &Outcome,
    allow_partial: bool,
    stderr: &mut dyn Write,
) -> Result<()> {
    for w in &outcome.warnings {
        writeln!(stderr, "leakhound: {}", text::escape(&w.to_string()))?;
    }
    write_missed(outcome, allow_partial, stderr)
}

/// Exit code for errors (bad flags, bad rule files, unreadable roots).
pub const EXIT_ERROR: u8 = 2;

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
pub(super) fn write_file<T>(
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

/// With a `github` report, the findings table appended to the file that
/// `GITHUB_STEP_SUMMARY` names (GitHub Actions shows it on the run's page); nothing
/// when the variable is unset or empty. The file is created if missing, never
/// truncated.
fn append_step_summary(input: &ReportInput<'_>) -> Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty()) else {
        return Ok(());
    };
    let path = Path::new(&path);
    let mut table = Vec::new();
    github::write_step_summary(input, &mut table)?;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(&table))
        .with_context(|| {
            format!(
                "{}: cannot append the job summary (GITHUB_STEP_SUMMARY)",
                path.display()
            )
        })
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
        Format::Jsonl => jsonl::write(input, out),
        Format::Csv => csv::write(input, out),
        Format::Junit => junit::write(input, out),
        Format::Gitlab => gitlab::write(input, out),
        Format::Github => github::write(input, out),
    }
}

/// Standard output that a closed reader does not turn into an error. When the reader
/// goes away (`leakhound … | head`), the first write fails with `BrokenPipe` (Rust
/// ignores `SIGPIPE`); from then on everything written is dropped, silently, so the
/// command finishes and its exit code is the one its findings decide, as with
/// ripgrep. Any other write error is still an error.
pub(super) struct StdoutSink {
    out: std::io::StdoutLock<'static>,
    closed: bool,
}

impl StdoutSink {
    pub(super) fn new() -> StdoutSink {
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

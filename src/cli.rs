//! Command-line interface (clap derive): subcommands, flags and their validation only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::confidence::Level;
use crate::context::Context;
use crate::finding::VerifyStatus;

#[derive(Debug, Parser)]
#[command(
    name = "leakhound",
    version,
    about = "Find hardcoded credentials and say how to revoke and rotate them",
    after_help = "Exit codes: 0 no leaks found, 1 leaks found (see --exit-code), 2 error, \
                  including a scan that could not read some of its inputs (see --allow-partial)."
)]
pub struct Cli {
    /// When to colour what is printed: auto (only on a terminal, and not when NO_COLOR
    /// is set), always (even piped, even with NO_COLOR), never.
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// `--color` as given on a command line, read before clap parses it so that clap's own
/// help and errors follow it too: the last `--color WHEN` or `--color=WHEN` before a
/// `--`. `None` when there is none or its value is not one clap would accept (clap then
/// says so).
pub fn color_in_args<I, S>(args: I) -> Option<ColorWhen>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut found = None;
    let mut take_next = false;
    for arg in args {
        let Some(arg) = arg.as_ref().to_str() else {
            take_next = false;
            continue;
        };
        if take_next {
            found = ColorWhen::from_str(arg, false).ok();
            take_next = false;
        } else if arg == "--" {
            break;
        } else if arg == "--color" {
            take_next = true;
        } else if let Some(v) = arg.strip_prefix("--color=") {
            found = ColorWhen::from_str(v, false).ok();
        }
    }
    found
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories (default `.`; `-` reads standard input).
    Scan(ScanArgs),
    /// Scan git history: every blob and commit message (and author) reachable from all refs,
    /// from --rev, or new in --range.
    Git(GitArgs),
    /// Scan the lines added in the git index (what `git commit` would record).
    Staged(StagedArgs),
    /// Revoke one leaked secret with its provider, where the provider allows it: finds
    /// the secret again (by the fingerprint or secret hash a report shows), says what
    /// will be sent where, and asks before sending.
    Revoke(RevokeArgs),
    /// Record the findings of a scan as accepted, for `--baseline`.
    #[command(subcommand)]
    Baseline(BaselineCommand),
    /// Install or remove leakhound's git pre-commit hook.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Print a shell completion script for SHELL (see README, "Shell completions").
    Completions {
        /// The shell to complete in.
        #[arg(value_name = "SHELL", value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of leakhound, or of one of its commands; with
    /// --out-dir, write a page for every command there.
    Man {
        /// The command whose page to print, e.g. `scan` or `rules list` (default: leakhound).
        #[arg(value_name = "COMMAND", conflicts_with = "out_dir")]
        command: Vec<String>,
        /// Write leakhound.1, leakhound-scan.1, … (one page per command) into DIR.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// List, check or show detection rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Make a `.leakhound.toml` from another tool's configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Convert a gitleaks config (`.gitleaks.toml`) into a `.leakhound.toml`: custom rules
    /// and allowlists. What cannot be converted is listed on stderr and in the output.
    FromGitleaks {
        /// The gitleaks config to read.
        #[arg(value_name = "FILE", default_value = ".gitleaks.toml")]
        file: PathBuf,
        /// Write the converted config to OUT instead of standard output.
        #[arg(long, short = 'o', value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    /// A remediation playbook, one section per secret, most urgent first.
    Markdown,
    /// JSON Lines: a line per secret, then a summary line.
    Jsonl,
    /// CSV with a header row, a row per location.
    Csv,
    /// JUnit XML: a failing test case per secret.
    Junit,
    /// GitLab's secret-detection report (gl-secret-detection-report.json).
    Gitlab,
    /// GitHub Actions annotations; appends a findings table to $GITHUB_STEP_SUMMARY.
    Github,
}

/// `--report FORMAT=FILE`: one more report of the same scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSpec {
    pub format: Format,
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Extra rule file, or directory of `*.toml` rule files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
}

/// Flags shared by every command that reports findings.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write the report to FILE instead of standard output. FILE is replaced only by a
    /// complete report (a temporary file beside it, renamed over it).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write a report in FORMAT to FILE, from the same scan (repeatable), e.g.
    /// `--report sarif=leakhound.sarif`. Each FILE is written whole or not at all, as
    /// with -o.
    #[arg(long = "report", value_name = "FORMAT=FILE", value_parser = parse_report)]
    pub reports: Vec<ReportSpec>,

    /// Exit code when leaks are found (0 when none are, 2 on error).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub exit_code: u8,

    /// Skip files and blobs larger than this (bytes, or with a K/M/G suffix: 512K, 10M).
    #[arg(long, value_name = "SIZE", default_value = "10M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Worker threads (default: one per CPU; at most 256).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0, value_parser = parse_threads)]
    pub threads: usize,

    /// Print secrets in clear in every format. Never use this in CI logs.
    #[arg(long)]
    pub show_secrets: bool,

    /// List every location of each secret in the text report, not only the first.
    #[arg(long)]
    pub all_locations: bool,

    /// Print nothing but findings, warnings, what was not scanned and what the filters
    /// left out (no summary, no progress bar).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Accept an incomplete scan: inputs that could not be read (unreadable files,
    /// damaged or missing git objects, refs that cannot be resolved) are still named in
    /// every format, but the exit code is decided by the findings alone instead of 2.
    #[arg(long)]
    pub allow_partial: bool,

    /// Config file to use instead of `.leakhound.toml` at the scan root.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore `.leakhound.toml` and `.gitleaksignore` (built-in rules, no allowlists).
    #[arg(long)]
    pub no_config: bool,

    /// Report findings even on lines marked `leakhound:allow` or `gitleaks:allow` (for
    /// CI).
    #[arg(long)]
    pub no_inline_allow: bool,

    /// Also write a `git filter-repo --replace-text` expressions file that purges every
    /// secret found from history. It holds the secrets in clear: it is written as a new
    /// owner-only (0600) file, never through a symbolic link; keep it outside the
    /// repository and delete it after use.
    #[arg(long, value_name = "FILE")]
    pub replace_text_file: Option<PathBuf>,

    /// Report only findings whose fingerprint is not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Leave out findings in these places, comma-separated: test, docs, vendored,
    /// generated, production. They are counted, not reported, and do not fail the scan.
    #[arg(long, value_name = "CONTEXTS", value_parser = parse_contexts)]
    pub exclude_context: Option<Contexts>,

    /// Leave out findings less sure than LEVEL: low (everything, password hashes
    /// too), medium (the default), high, certain (a checksum or structure verified).
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    pub min_confidence: Option<Level>,

    /// Ask each secret's provider, read-only, whether it is live and whose it is. Sends
    /// each distinct secret once, over TLS, to its provider's own host (README, "Live
    /// verification"). Off unless given, or set by `enabled = true` in the `[verify]`
    /// table of the file named by --config (never for `staged`).
    #[arg(long)]
    pub verify: bool,

    /// Send PROVIDER's verification requests to URL instead (a self-hosted GitHub
    /// Enterprise, GitLab, Vault...), e.g. `github=https://ghe.corp.example/api/v3`
    /// (repeatable). https only; http for a loopback host.
    #[arg(long, value_name = "PROVIDER=URL", value_parser = ProviderParser)]
    pub verify_provider: Vec<(String, String)>,

    /// Seconds each verification request may take in all (default 10).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=300))]
    pub verify_timeout: Option<u64>,

    /// The most verification requests a run sends (retries included). Secrets beyond
    /// it are `unknown`, and the scan is incomplete: exit 2 unless --allow-partial
    /// (default 5000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub verify_max_requests: Option<u64>,

    /// Report only secrets whose verification is one of these, comma-separated:
    /// verified, unknown, invalid. The others are counted, not reported, and do not
    /// fail the scan.
    #[arg(long, value_name = "STATUSES", value_parser = parse_statuses, conflicts_with = "only_verified")]
    pub results: Option<Statuses>,

    /// Report only secrets the provider confirmed live (`--results verified`).
    #[arg(long)]
    pub only_verified: bool,

    /// Fail (exit with --exit-code) only when a reported secret's verification is one of
    /// these, e.g. `verified,unknown`: every secret is still reported.
    #[arg(long, value_name = "STATUSES", value_parser = parse_statuses)]
    pub fail_on: Option<Statuses>,

    #[command(flatten)]
    pub rule_args: RuleArgs,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Scan files that `.gitignore`, `.ignore` and git excludes would hide.
    #[arg(long)]
    pub no_ignore: bool,

    /// Follow symbolic links, also out of the tree (a link loop is reported and skipped).
    #[arg(long, short = 'L')]
    pub follow: bool,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GitArgs {
    /// The repository (a work tree, a bare repository, or a directory inside one).
    #[arg(value_name = "REPO", default_value = ".")]
    pub repo: PathBuf,

    /// Scan history reachable from this revision instead of all refs (repeatable).
    #[arg(long = "rev", value_name = "REV", conflicts_with = "range")]
    pub revs: Vec<String>,

    /// Scan only blobs that commits in BASE..HEAD introduced (for pull requests);
    /// BASE...HEAD counts from the merge base of the two, as `git diff` does.
    #[arg(long, value_name = "BASE..HEAD")]
    pub range: Option<String>,

    /// Keep an incremental record in FILE (SQLite, created if missing; one file can
    /// serve many repositories): blobs an earlier run recorded are not read again, and
    /// their findings come from the record. It holds no secrets. See README,
    /// "Incremental audits".
    #[arg(long, value_name = "FILE")]
    pub incremental: Option<PathBuf>,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct StagedArgs {
    /// The repository (default: the one around the current directory).
    #[arg(value_name = "REPO", default_value = ".")]
    pub repo: PathBuf,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
#[command(
    group(clap::ArgGroup::new("which").args(["fingerprint", "rule"]).required(true).multiple(true)),
    after_help = "Exit codes: 0 revoked (or the provider said it was no longer valid), 1 not \
                  revoked (the provider refused, its answer was not understood, or the \
                  answer to the question was no), 2 usage error, secret not found, or no \
                  revocation for its rule."
)]
pub struct RevokeArgs {
    /// Where to find the secret again: a directory or file (with --git, a repository);
    /// `-` reads it from standard input (a secret you hold, with --rule).
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,

    /// The secret to revoke: a location's fingerprint or the secret's hash (or the
    /// hash's first 12 or more digits), as the reports show them.
    #[arg(long, value_name = "HASH")]
    pub fingerprint: Option<String>,

    /// The rule that finds the secret, e.g. github-pat-classic: with PATH `-`, the
    /// secret read from standard input must be one it finds.
    #[arg(long = "rule", value_name = "RULE_ID")]
    pub rule: Option<String>,

    /// Look for the secret in the git history of every ref, not in the working tree.
    #[arg(long)]
    pub git: bool,

    /// Revoke without asking (needed when there is no terminal to ask on).
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Show the request that would be sent (method, URL, header names; never the
    /// secret) and send nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Send PROVIDER's revocation to URL instead (a self-hosted GitHub Enterprise or
    /// GitLab), e.g. `gitlab=https://gitlab.corp.example` (repeatable). https only;
    /// http for a loopback host.
    #[arg(long = "provider", visible_alias = "verify-provider", value_name = "PROVIDER=URL", value_parser = ProviderParser)]
    pub providers: Vec<(String, String)>,

    /// Seconds the revocation request may take in all.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,

    /// Also look in files that `.gitignore`, `.ignore` and git excludes would hide.
    #[arg(long, conflicts_with = "git")]
    pub no_ignore: bool,

    /// Config file to use instead of `.leakhound.toml` at the scan root.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore `.leakhound.toml` (built-in rules, no allowlists).
    #[arg(long)]
    pub no_config: bool,

    #[command(flatten)]
    pub rule_args: RuleArgs,
}

#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Scan (any mode) and write every finding's fingerprint to FILE.
    Create {
        /// The baseline file to write.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(subcommand)]
        mode: BaselineMode,
    },
}

/// The scan whose findings a baseline records.
#[derive(Debug, Subcommand)]
pub enum BaselineMode {
    /// Files and directories, as `leakhound scan`.
    #[command(
        mut_arg("exclude_context", hide_filter),
        mut_arg("min_confidence", hide_filter),
        mut_arg("reports", hide_filter)
    )]
    Scan(ScanArgs),
    /// Git history, as `leakhound git`.
    #[command(
        mut_arg("exclude_context", hide_filter),
        mut_arg("min_confidence", hide_filter),
        mut_arg("reports", hide_filter)
    )]
    Git(GitArgs),
    /// The git index, as `leakhound staged`.
    #[command(
        mut_arg("exclude_context", hide_filter),
        mut_arg("min_confidence", hide_filter),
        mut_arg("reports", hide_filter)
    )]
    Staged(StagedArgs),
}

/// A baseline records every finding, so `baseline create` refuses the report filters
/// (and writes no report): its help does not offer them.
fn hide_filter(arg: clap::Arg) -> clap::Arg {
    arg.hide(true)
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write the pre-commit hook where git runs hooks (`core.hooksPath`, else the common
    /// `.git/hooks`) so that every commit runs `leakhound staged`.
    Install {
        /// The repository (default: the one around the current directory).
        #[arg(value_name = "REPO", default_value = ".")]
        repo: PathBuf,
        /// Replace an existing pre-commit hook that leakhound did not write (it is kept
        /// as `pre-commit.before-leakhound`, which `hook uninstall` puts back).
        #[arg(long)]
        force: bool,
    },
    /// Remove the pre-commit hook `hook install` wrote (and put back the hook it
    /// replaced); a hook leakhound did not write is left as it is.
    Uninstall {
        /// The repository (default: the one around the current directory).
        #[arg(value_name = "REPO", default_value = ".")]
        repo: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every rule: a table of id, severity and confidence, keywords and name.
    List {
        #[command(flatten)]
        rule_args: RuleArgs,
        /// Output format: text (an aligned table) or json (every field in full).
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Check rules: ids, regexes, keywords, examples and negative examples.
    Check {
        #[command(flatten)]
        rule_args: RuleArgs,
        /// Also check this config file: its rules, with the built-in ones it keeps, and
        /// its allowlists.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Show one rule in full: regex, keywords, examples and remediation.
    Show {
        /// The rule id, e.g. github-pat-classic.
        id: String,
        #[command(flatten)]
        rule_args: RuleArgs,
        /// Print the rule's examples in clear (by default the secret in each is
        /// redacted as reports redact findings).
        #[arg(long)]
        show_secrets: bool,
    },
}

/// `rules list --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// The most worker threads `--threads` accepts: far beyond any machine's cores, and below the counts at which
/// starting that many walker threads costs seconds for a one-file scan.
pub(crate) const MAX_THREADS: usize = 256;

/// `--threads`: a count from 0 (one per CPU) to [`MAX_THREADS`].
pub(crate) fn parse_threads(s: &str) -> Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|_| format!("'{s}' is not a number of threads"))?;
    if n > MAX_THREADS {
        return Err(format!("{n} threads: at most {MAX_THREADS}"));
    }
    Ok(n)
}

/// The contexts `--exclude-context` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contexts(pub Vec<Context>);

/// Parses `test,docs,vendored`: known names, at least one.
pub(crate) fn parse_contexts(s: &str) -> Result<Contexts, String> {
    let mut out = Vec::new();
    for name in s.split(',').map(str::trim) {
        let c = Context::from_name(&name.to_ascii_lowercase()).ok_or_else(|| {
            let known: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            format!("unknown context '{name}' (known: {})", known.join(", "))
        })?;
        if !out.contains(&c) {
            out.push(c);
        }
    }
    Ok(Contexts(out))
}

/// Parses `--report FORMAT=FILE`: a known format, `=`, a file name.
pub(crate) fn parse_report(s: &str) -> Result<ReportSpec, String> {
    let Some((name, file)) = s.split_once('=') else {
        return Err(format!(
            "'{s}' is not FORMAT=FILE (for example sarif=leakhound.sarif)"
        ));
    };
    let format = Format::from_str(name.trim(), true).map_err(|_| {
        let known: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
            .collect();
        format!("unknown format '{name}' (known: {})", known.join(", "))
    })?;
    if file.is_empty() {
        return Err(format!("'{s}': no file after '='"));
    }
    Ok(ReportSpec {
        format,
        file: PathBuf::from(file),
    })
}

/// Parses `--verify-provider NAME=URL`. A value that is not one is not repeated in the
/// error (it may be a token pasted in its place), so clap's own message, which repeats
/// it, is replaced.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProviderParser;

impl clap::builder::TypedValueParser for ProviderParser {
    type Value = (String, String);

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<(String, String), clap::Error> {
        let flag = arg.map_or_else(
            || "--verify-provider".to_string(),
            |a| format!("--{}", a.get_long().unwrap_or("verify-provider")),
        );
        match value.to_str().and_then(|s| s.split_once('=')) {
            Some((name, url)) if !name.trim().is_empty() && !url.trim().is_empty() => {
                Ok((name.trim().to_ascii_lowercase(), url.trim().to_string()))
            }
            _ => Err(clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!(
                    "{flag}: the value given is not PROVIDER=URL (for example \
                     github=https://ghe.corp.example/api/v3), and is not repeated here in case \
                     it is a secret\n"
                ),
            )
            .with_cmd(cmd)),
        }
    }
}

/// Verification statuses named by `--results` or `--fail-on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statuses(pub Vec<VerifyStatus>);

/// Parses a comma-separated list of verification statuses.
pub(crate) fn parse_statuses(s: &str) -> Result<Statuses, String> {
    let mut out = Vec::new();
    for name in s.split(',').map(str::trim) {
        let status = VerifyStatus::parse(&name.to_ascii_lowercase()).ok_or_else(|| {
            format!("unknown verification status '{name}' (known: verified, unknown, invalid)")
        })?;
        if !out.contains(&status) {
            out.push(status);
        }
    }
    Ok(Statuses(out))
}

/// Parses a confidence level: low, medium, high or certain.
pub(crate) fn parse_level(s: &str) -> Result<Level, String> {
    Level::from_name(&s.trim().to_ascii_lowercase())
        .ok_or_else(|| format!("unknown confidence '{s}' (known: low, medium, high, certain)"))
}

/// Parses `1024`, `512K`, `10M`, `10MB`, `10MiB`, `1G` (binary multiples).
pub(crate) fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a size (examples: 1048576, 512K, 10M, 1G)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("'{s}': unknown size unit '{unit}' (use K, M or G)")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("'{s}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_values() {
        assert_eq!(
            parse_contexts("test, Docs,vendor,test"),
            Ok(Contexts(vec![
                Context::Test,
                Context::Docs,
                Context::Vendored
            ]))
        );
        assert!(
            parse_contexts("test,prod")
                .unwrap_err()
                .contains("unknown context 'prod'")
        );
        assert!(parse_contexts("").is_err());
        assert_eq!(parse_level("Certain"), Ok(Level::Certain));
        assert!(parse_level("sure").is_err());
    }

    #[test]
    fn report_specs() {
        assert_eq!(
            parse_report("sarif=out/a=b.sarif"),
            Ok(ReportSpec {
                format: Format::Sarif,
                file: PathBuf::from("out/a=b.sarif")
            })
        );
        assert_eq!(parse_report("JSON=x").map(|r| r.format), Ok(Format::Json));
        let unknown = parse_report("xml=x").unwrap_err();
        assert!(unknown.contains("unknown format 'xml'"), "{unknown}");
        assert!(unknown.contains("sarif"), "{unknown}");
        assert!(parse_report("sarif").unwrap_err().contains("FORMAT=FILE"));
        assert!(parse_report("sarif=").unwrap_err().contains("no file"));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5T").is_err());
    }

    #[test]
    fn color_is_read_before_clap_parses() {
        let found = |args: &[&str]| color_in_args(args.iter().copied());
        assert_eq!(found(&["leakhound", "scan", "."]), None);
        assert_eq!(
            found(&["lh", "--color", "never", "scan"]),
            Some(ColorWhen::Never)
        );
        assert_eq!(
            found(&["lh", "scan", "--color=always"]),
            Some(ColorWhen::Always)
        );
        assert_eq!(
            found(&["lh", "--color=never", "scan", "--color", "auto"]),
            Some(ColorWhen::Auto)
        );
        assert_eq!(found(&["lh", "--color", "sometimes"]), None);
        assert_eq!(found(&["lh", "--color"]), None);
        assert_eq!(found(&["lh", "scan", "--", "--color=always"]), None);
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

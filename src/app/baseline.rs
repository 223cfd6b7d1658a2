//! `baseline create`: runs a scan and writes its findings to a baseline file.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use crate::baseline;
use crate::cli::BaselineMode;
use crate::report::text;
use crate::scan::{Finishing, finish};

use super::output::{write_file, write_warnings};
use super::scans::{scan_git, scan_staged, scan_tree};

/// `baseline create FILE MODE …`: runs the scan and writes its findings to FILE.
pub(super) fn create_baseline(file: &Path, mode: BaselineMode) -> Result<u8> {
    let (engine, gathered, verifying, out) = match &mode {
        BaselineMode::Scan(a) => {
            let (e, o, v) = scan_tree(a)?;
            (e, o, v, &a.out)
        }
        BaselineMode::Git(a) => {
            let (e, o, v) = scan_git(a)?;
            (e, o, v, &a.out)
        }
        BaselineMode::Staged(a) => {
            let (e, o, v) = scan_staged(a)?;
            (e, o, v, &a.out)
        }
    };
    if out.baseline.is_some() {
        bail!(
            "--baseline cannot be used with `baseline create`: the new baseline records every finding"
        );
    }
    if verifying.is_some() {
        bail!(
            "--verify cannot be used with `baseline create` (nor a --config file that turns it on): \
             a baseline records every finding, live or not; verify when scanning against it"
        );
    }
    if !out.reports.is_empty() {
        bail!("--report cannot be used with `baseline create`: it writes the baseline only");
    }
    if out.exclude_context.is_some() || out.min_confidence.is_some() {
        bail!(
            "--exclude-context and --min-confidence cannot be used with `baseline create`: a baseline records every finding"
        );
    }
    let outcome = finish(&engine, gathered, &Finishing::default());
    let mut stderr = std::io::stderr().lock();
    write_warnings(&outcome, out.allow_partial, &mut stderr)?;
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

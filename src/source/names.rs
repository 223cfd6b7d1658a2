//! File names that hold secrets by their nature, and how paths are shown: shared by
//! the working-tree walk (`fs`) and the tracked-file lookup (`tracked`).

use std::path::Path;

/// Files that hold secrets by their nature, scanned even when an ignore file hides
/// them: the one table of their names (globs on the file name, or on the last two
/// components for files inside a tool's directory).
pub(super) const SECRET_FILE_GLOBS: &[&str] = &[
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
    "id_rsa*",
    "id_ed25519*",
    "id_ecdsa*",
    "id_dsa*",
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".pgpass",
    ".git-credentials",
    "*.tfvars",
    "*.tfstate",
    "kubeconfig*",
    "credentials",
    ".kube/config",
    ".docker/config.json",
];

/// Directories of tools whose files [`SECRET_FILE_GLOBS`] names (`.kube/config`): looked
/// into even when ignored, but no deeper.
pub(super) const SECRET_FILE_DIRS: &[&str] = &[".kube", ".docker", ".aws"];

/// [`SECRET_FILE_GLOBS`], compiled.
pub(super) struct SecretFiles(globset::GlobSet);

impl SecretFiles {
    /// `None` only if the table does not compile, which its unit test rules out.
    pub(super) fn new() -> Option<SecretFiles> {
        let mut b = globset::GlobSetBuilder::new();
        for g in SECRET_FILE_GLOBS {
            b.add(
                globset::GlobBuilder::new(g)
                    .literal_separator(true)
                    .build()
                    .ok()?,
            );
        }
        b.build().ok().map(SecretFiles)
    }

    /// Whether `rel` (a file name, or `dir/name`) names a secret file.
    pub(super) fn matches(&self, rel: &str) -> bool {
        self.0.is_match(rel)
    }

    /// Whether the file at `path` is a secret file, by its name or by its directory
    /// and name (`.kube/config`).
    pub(super) fn is_secret_file(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else {
            return false;
        };
        let name = name.to_string_lossy();
        self.matches(&name)
            || path
                .parent()
                .and_then(Path::file_name)
                .and_then(|d| d.to_str())
                .is_some_and(|d| {
                    SECRET_FILE_DIRS.contains(&d) && self.matches(&format!("{d}/{name}"))
                })
    }
}

/// Whether the file at `path` holds secrets by its nature ([`SECRET_FILE_GLOBS`]).
pub(crate) fn is_secret_file(path: &Path) -> bool {
    static NAMES: std::sync::OnceLock<Option<SecretFiles>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(SecretFiles::new)
        .as_ref()
        .is_some_and(|n| n.is_secret_file(path))
}

/// How a path appears in reports: as walked, without a leading `./`, with `/`.
pub(crate) fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_file_table_compiles_and_matches() {
        let names = SecretFiles::new().expect("SECRET_FILE_GLOBS compile");
        for yes in [
            ".env",
            ".env.production",
            "deploy/server.pem",
            "tls.key",
            "home/.ssh/id_ed25519",
            ".npmrc",
            ".pgpass",
            "prod.tfvars",
            "terraform.tfstate",
            "kubeconfig-prod",
            "x/.kube/config",
            "x/.docker/config.json",
            "x/.aws/credentials",
        ] {
            assert!(names.is_secret_file(Path::new(yes)), "{yes}");
        }
        for no in ["config", "x/config.json", "src/main.rs", "keys.txt", "env"] {
            assert!(!names.is_secret_file(Path::new(no)), "{no}");
        }
    }
}

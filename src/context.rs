//! Where a finding sits: production code, a test, documentation, someone else's code
//! (vendored) or a generated file. A pure function of the path and, for generated
//! files, of the file's first few KiB.
//!
//! Most genuine credentials in public code are test fixtures, vendored test data and
//! documentation samples: the context lets reports put production first and lets users
//! leave the rest out (`--exclude-context`). Nothing is dropped by default.
//!
//! One path can match several classes (`node_modules/foo/test/x.js`); the first of
//! this order wins: **vendored** (someone else's code, whatever its own layout says),
//! **generated** (not edited by hand: the secret came from its generator's input),
//! **test**, **docs**, else **production**. A test under `docs/` is a test.

/// Where a finding sits. The order of the variants is the order of urgency: a secret
/// in production code first, then one a build baked into generated output, then tests
/// (a live token turns up in a unit test too), documentation, and vendored code last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Context {
    #[default]
    Production,
    Generated,
    Test,
    Docs,
    Vendored,
}

/// How many leading bytes, and at most how many lines, of a file are searched for a
/// generated-code marker.
pub const HEAD_LIMIT: usize = 4096;
const HEAD_LINES: usize = 20;

impl Context {
    /// Every context, in urgency order.
    pub const ALL: [Context; 5] = [
        Context::Production,
        Context::Generated,
        Context::Test,
        Context::Docs,
        Context::Vendored,
    ];

    /// The name reports and flags use.
    pub fn name(self) -> &'static str {
        match self {
            Context::Production => "production",
            Context::Generated => "generated",
            Context::Test => "test",
            Context::Docs => "docs",
            Context::Vendored => "vendored",
        }
    }

    /// The context named `name` (as [`Context::name`] writes it; `vendor` and
    /// `tests` are accepted too).
    pub fn from_name(name: &str) -> Option<Context> {
        match name {
            "vendor" => Some(Context::Vendored),
            "tests" => Some(Context::Test),
            "doc" => Some(Context::Docs),
            _ => Context::ALL.into_iter().find(|c| c.name() == name),
        }
    }

    /// The context of `path`, given whether its content carries a generated-code
    /// marker ([`generated_marker`]).
    pub fn classify(path: &str, generated_content: bool) -> Context {
        // Most names are matched in any case; CocoaPods' `Pods/` and Java's `FooTest`
        // only as written.
        let exact: Vec<&str> = path
            .split(['/', '\\'])
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        let segments: Vec<String> = exact.iter().map(|s| s.to_ascii_lowercase()).collect();
        let (Some((file, dirs)), Some((exact_file, exact_dirs))) =
            (segments.split_last(), exact.split_last())
        else {
            return Context::Production;
        };
        if dirs.iter().any(|d| is_vendored_dir(d)) || exact_dirs.contains(&"Pods") {
            Context::Vendored
        } else if generated_content
            || is_generated_file(file)
            || dirs.iter().any(|d| is_generated_dir(d))
        {
            Context::Generated
        } else if is_test_file(file, exact_file)
            || dirs
                .iter()
                .any(|d| is_test_dir(d) || has_word(d, TEST_WORDS))
            || has_word(file.split('.').next().unwrap_or(file), TEST_WORDS)
        {
            Context::Test
        } else if is_docs_file(file)
            || has_word(file, DOCS_WORDS)
            || is_package_description(file, dirs)
            || dirs.iter().any(|d| is_docs_dir(d))
            || is_man_page(file) && dirs.iter().any(|d| is_man_dir(d))
        {
            Context::Docs
        } else {
            Context::Production
        }
    }

    /// [`Context::classify`] from the path and the file's text (only its first
    /// [`HEAD_LIMIT`] bytes are read).
    pub fn of(path: &str, text: &[u8]) -> Context {
        Context::classify(path, generated_marker(text))
    }
}

/// The roots of a working-tree scan, as paths show them, each with the path it has
/// within its git work tree (or, outside one, nothing for a directory and the file's
/// name for a file). A finding's context is judged on its path within the repository,
/// so a scan of `/home/ci/build/app` does not make every finding generated, and a scan
/// of `tests/fixtures` still knows it is in tests.
#[derive(Debug, Default, Clone)]
pub struct Roots(Vec<(String, String)>);

impl Roots {
    /// `(shown, within)` pairs: a root as paths start with it (`.` for the current
    /// directory) and its path within its repository.
    pub fn new(roots: Vec<(String, String)>) -> Roots {
        let mut roots: Vec<(String, String)> = roots
            .into_iter()
            .map(|(shown, within)| {
                let shown = shown.trim_end_matches('/');
                let shown = if shown == "." { "" } else { shown };
                (shown.to_string(), within.trim_matches('/').to_string())
            })
            .collect();
        // Longest first: the most specific root that holds a path wins.
        roots.sort_by_key(|(shown, _)| std::cmp::Reverse(shown.len()));
        Roots(roots)
    }

    /// The path a context is judged on: `shown` below its root, under the root's path
    /// within its repository; `shown` itself when no root holds it.
    pub fn within<'a>(&self, shown: &'a str) -> std::borrow::Cow<'a, str> {
        for (root, within) in &self.0 {
            let rest = if root.is_empty() {
                Some(shown)
            } else if shown == root {
                Some("")
            } else {
                shown
                    .strip_prefix(root.as_str())
                    .and_then(|r| r.strip_prefix('/'))
            };
            if let Some(rest) = rest {
                return match (within.is_empty(), rest.is_empty()) {
                    (true, _) => rest.into(),
                    (false, true) => within.clone().into(),
                    (false, false) => format!("{within}/{rest}").into(),
                };
            }
        }
        shown.into()
    }
}

/// The path a scan root outside any git work tree has for context, from its absolute
/// path: a directory counts as the top (a checkout under `/home/ci/build/` is not
/// generated), but keeps its own name when that names tests or docs (`testdata`,
/// `fixtures`, `docs`): the user pointed at a directory of test data. A file keeps its
/// name, under its directory's name when that names tests or docs.
pub fn outside_repository(path: &std::path::Path, is_dir: bool) -> String {
    let name = |p: &std::path::Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let telling = |p: Option<&std::path::Path>| {
        p.and_then(name).filter(|n| {
            let n = n.to_ascii_lowercase();
            is_test_dir(&n) || is_docs_dir(&n)
        })
    };
    if is_dir {
        telling(Some(path)).unwrap_or_default()
    } else {
        match (telling(path.parent()), name(path)) {
            (Some(dir), Some(file)) => format!("{dir}/{file}"),
            (_, file) => file.unwrap_or_default(),
        }
    }
}

/// Directories that hold someone else's code.
fn is_vendored_dir(d: &str) -> bool {
    matches!(
        d,
        "vendor"
            | "vendors"
            | "vendored"
            | "third_party"
            | "third-party"
            | "thirdparty"
            | "3rdparty"
            | "node_modules"
            | "bower_components"
            | "jspm_packages"
            | "site-packages"
            | "dist-packages"
            | ".venv"
            | "venv"
            | ".tox"
            | ".cargo"
            | "carthage"
    )
}

/// Directories of build output.
fn is_generated_dir(d: &str) -> bool {
    matches!(
        d,
        "dist" | "build" | "target" | "_build" | "__generated__" | "generated"
    )
}

/// Generated files by name: minified bundles, source maps, lock files, protobuf and
/// other generator output.
fn is_generated_file(f: &str) -> bool {
    const LOCKS: &[&str] = &[
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "cargo.lock",
        "poetry.lock",
        "pipfile.lock",
        "gemfile.lock",
        "composer.lock",
        "go.sum",
        "uv.lock",
        "pdm.lock",
        "flake.lock",
        "bun.lockb",
        "packages.lock.json",
        "podfile.lock",
        "mix.lock",
        "pubspec.lock",
    ];
    LOCKS.contains(&f)
        || [
            ".min.js",
            ".min.css",
            ".min.mjs",
            ".map",
            ".pb.go",
            "_pb2.py",
            "_pb2_grpc.py",
            ".pb.cc",
            ".pb.h",
            "_pb.js",
            "_pb.d.ts",
            ".g.dart",
            ".freezed.dart",
            ".designer.cs",
            "_generated.go",
            "_gen.go",
            "-generated.go",
        ]
        .iter()
        .any(|s| f.ends_with(s))
        || f.contains(".generated.")
        || f.starts_with("zz_generated")
}

/// Words that, anywhere in a directory's name or a file's stem, say it holds tests
/// (`aws-sig-v4a-test-suite/`, `jwk_test_vectors.rs`, `rsa_test_keys.rs`, `benches/`).
const TEST_WORDS: &[&str] = &[
    "test",
    "tests",
    "testdata",
    "testcases",
    "fixture",
    "fixtures",
    "mock",
    "mocks",
    "bench",
    "benches",
    "benchmark",
    "benchmarks",
];

/// Words that, anywhere in a file's name, say it is an example
/// (`sso-oidc.examples.json`, `config.json.sample`, `.env.example`).
const DOCS_WORDS: &[&str] = &["example", "examples", "sample", "samples"];

/// Whether `name`, split at `_`, `-` and `.`, holds one of `words`.
fn has_word(name: &str, words: &[&str]) -> bool {
    name.split(['_', '-', '.']).any(|w| words.contains(&w))
}

/// A package's published description (PyPI's `METADATA` and `PKG-INFO`, which hold its
/// README).
fn is_package_description(file: &str, dirs: &[String]) -> bool {
    (file == "metadata" && dirs.last().is_some_and(|d| d.ends_with(".dist-info")))
        || file == "pkg-info"
}

/// Directories of tests, fixtures and mocks.
fn is_test_dir(d: &str) -> bool {
    matches!(
        d,
        "test"
            | "tests"
            | "testing"
            | "testdata"
            | "test_data"
            | "test-data"
            | "testfixtures"
            | "fixture"
            | "fixtures"
            | "__tests__"
            | "__mocks__"
            | "__fixtures__"
            | "__snapshots__"
            | "spec"
            | "specs"
            | "mock"
            | "mocks"
            | "e2e"
            | "unittest"
            | "unittests"
            | "integration_tests"
            | "integration-tests"
            | "testsuite"
            | "t"
    )
}

/// Test files by name, in the conventions of the common languages: `f` in lower case,
/// `exact` as written. A lower-case `test` ending a word (`contest.py`, `Latest.php`)
/// is no marker; Java-style `AuthTest.java`, `AuthTests.cs` are, with a capital `T`.
fn is_test_file(f: &str, exact: &str) -> bool {
    let stem = f.split('.').next().unwrap_or(f);
    let exact_stem = exact.split('.').next().unwrap_or(exact);
    f == "conftest.py"
        || stem == "test"
        || stem == "tests"
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem.ends_with("_spec")
        || stem.ends_with("-test")
        || stem.ends_with("-spec")
        || (exact_stem.ends_with("Test") || exact_stem.ends_with("Tests"))
            && [".java", ".kt", ".cs", ".scala", ".swift", ".php", ".groovy"]
                .iter()
                .any(|e| f.ends_with(e))
        || [".test.", ".spec.", ".tests.", ".fixture.", ".mock."]
            .iter()
            .any(|m| f.contains(m))
        || f.ends_with(".snap")
}

/// Documentation directories.
fn is_docs_dir(d: &str) -> bool {
    matches!(
        d,
        "doc"
            | "docs"
            | "documentation"
            | "example"
            | "examples"
            | "sample"
            | "samples"
            | "demo"
            | "demos"
            | "man"
            | "tutorial"
            | "tutorials"
            | "guide"
            | "guides"
            | "website"
    )
}

/// Documentation files: prose formats, and the usual top-level documents
/// (`README.txt`, `LICENSE`). Other `.txt` files (`secrets.txt`, `requirements.txt`)
/// and notebooks are not documentation unless they sit in a docs directory.
fn is_docs_file(f: &str) -> bool {
    let stem = f.split('.').next().unwrap_or(f);
    [
        ".md",
        ".markdown",
        ".rst",
        ".adoc",
        ".asciidoc",
        ".rdoc",
        ".pod",
        ".texi",
    ]
    .iter()
    .any(|s| f.ends_with(s))
        || matches!(
            stem,
            "readme"
                | "changelog"
                | "changes"
                | "history"
                | "news"
                | "contributing"
                | "contributors"
                | "authors"
                | "license"
                | "licence"
                | "copying"
                | "notice"
        )
}

/// A man page's directory: `man`, `man1` … `man9`, `man3p`, `mann`.
fn is_man_dir(d: &str) -> bool {
    d.strip_prefix("man").is_some_and(|rest| {
        rest.is_empty()
            || rest == "n"
            || rest.as_bytes()[0].is_ascii_digit()
                && rest[1..].bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// `tool.1` … `tool.9`, `tool.3pm`: a man page's name (it counts in a man directory).
fn is_man_page(f: &str) -> bool {
    f.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && !stem.starts_with('.')
            && ext
                .as_bytes()
                .first()
                .is_some_and(|b| (b'1'..=b'9').contains(b))
            && ext.len() <= 3
            && ext[1..].bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// Whether the first [`HEAD_LIMIT`] bytes (and first 20 lines) say the file is generated: Go's
/// `Code generated … DO NOT EDIT.`, `@generated` (Facebook, Rust, protoc plugins),
/// `autogenerated`/`auto-generated` and "generated by … do not edit" headers.
pub fn generated_marker(text: &[u8]) -> bool {
    let head = &text[..text.len().min(HEAD_LIMIT)];
    // Generators write their marker in the header, not in the body.
    let head = memchr::memchr_iter(b'\n', head)
        .nth(HEAD_LINES - 1)
        .map_or(head, |end| &head[..end]);
    let lower = head.to_ascii_lowercase();
    let has = |needle: &[u8]| memchr::memmem::find(&lower, needle).is_some();
    (has(b"code generated") && has(b"do not edit"))
        || has(b"@generated")
        || has(b"autogenerated")
        || has(b"auto-generated")
        || (has(b"generated by") && (has(b"do not edit") || has(b"do not modify")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified() {
        use Context::*;
        for (path, want) in [
            ("src/main.rs", Production),
            ("app/config/settings.py", Production),
            ("config.yaml", Production),
            ("<commit message>", Production),
            ("<stdin>", Production),
            ("", Production),
            ("latest/contest.py", Production),
            ("src/attestation.go", Production),
            ("src/latest_keys.rs", Production),
            ("src/jwk_test_vectors.rs", Test),
            ("src/rsa_test_keys.rs", Test),
            ("aws-sig-v4a-test-suite/get-vanilla/request.txt", Test),
            ("benches/throughput.rs", Test),
            ("apis/sso-oidc-2019-06-10.examples.json", Docs),
            ("config/.env.example", Docs),
            ("pkg/credentials/config.json.sample", Docs),
            ("dj_database_url-3.1.2.dist-info/METADATA", Docs),
            ("pkg/METADATA", Production),
            ("pkg/auth/token_test.go", Test),
            ("tests/test_auth.py", Test),
            ("lib/test_helpers.rb", Test),
            ("conftest.py", Test),
            ("src/__tests__/api.js", Test),
            ("web/login.spec.ts", Test),
            ("web/login.test.tsx", Test),
            ("spec/models/user_spec.rb", Test),
            ("internal/testdata/key.pem", Test),
            ("fixtures/creds.json", Test),
            ("src/test/java/com/x/AuthTest.java", Test),
            ("t/basic.t", Test),
            ("docs/test_example.py", Test),
            ("README.md", Docs),
            ("docs/setup.rst", Docs),
            ("examples/client.py", Docs),
            ("CHANGELOG", Docs),
            ("guide/usage.adoc", Docs),
            ("man/leakhound.1", Docs),
            ("README.txt", Docs),
            ("LICENSE", Docs),
            ("NOTICE.txt", Docs),
            ("docs/notes.txt", Docs),
            ("notes.txt", Production),
            ("secrets.txt", Production),
            ("credentials.txt", Production),
            ("keys/deploy_key.txt", Production),
            ("analysis.ipynb", Production),
            ("notebooks/tests/check.ipynb", Test),
            ("docs/tour.ipynb", Docs),
            ("man/man1/tool.1", Docs),
            ("share/man3/libx.3pm", Docs),
            ("config/.env.1", Production),
            ("ops/backup.1", Production),
            ("keys.1st", Production),
            ("k8s/pods/secret.yaml", Production),
            ("ios/Pods/Alamofire/Source/Session.swift", Vendored),
            ("src/Contest.java", Production),
            ("app/Latest.php", Production),
            ("lib/Attest.kt", Production),
            ("src/AuthTests.cs", Test),
            ("src/LATEST.java", Production),
            ("requirements-dev.txt", Production),
            ("CMakeLists.txt", Production),
            ("release-1.2", Production),
            ("tests/test.py", Test),
            ("build/app.js", Generated),
            ("vendor/github.com/x/y/client.go", Vendored),
            ("node_modules/foo/test/x.js", Vendored),
            ("node_modules/foo/README.md", Vendored),
            ("lib/python3.12/site-packages/requests/auth.py", Vendored),
            (".venv/lib/x.py", Vendored),
            ("third_party/boringssl/key.pem", Vendored),
            ("vendor/x/api.pb.go", Vendored),
            ("static/app.min.js", Generated),
            ("static/app.js.map", Generated),
            ("package-lock.json", Generated),
            ("Cargo.lock", Generated),
            ("api/v1/service.pb.go", Generated),
            ("proto/service_pb2.py", Generated),
            ("src/schema.generated.ts", Generated),
            ("dist/bundle.js", Generated),
            ("tests/fixtures/bundle.min.js", Generated),
            ("C:\\work\\repo\\tests\\auth_test.go", Test),
            ("./SRC/Vendor/lib.js", Vendored),
        ] {
            assert_eq!(Context::classify(path, false), want, "{path}");
        }
    }

    #[test]
    fn a_content_marker_makes_a_file_generated_but_not_a_vendored_one() {
        let go = b"// Code generated by protoc-gen-go. DO NOT EDIT.\npackage api\n";
        assert!(generated_marker(go));
        assert_eq!(Context::of("api/client.go", go), Context::Generated);
        assert_eq!(Context::of("api/client_test.go", go), Context::Generated);
        assert_eq!(Context::of("vendor/api/client.go", go), Context::Vendored);
        for head in [
            &b"# @generated by cargo\n"[..],
            b"/* This file is autogenerated. */",
            b"# Auto-Generated file\n",
            b"// Generated by the compiler; do not modify.\n",
        ] {
            assert!(generated_marker(head), "{}", String::from_utf8_lossy(head));
        }
        for head in [
            &b"package main\n// generated keys are rotated daily\n"[..],
            b"# Do not edit by hand unless you know what you do\n",
            b"",
        ] {
            assert!(!generated_marker(head), "{}", String::from_utf8_lossy(head));
        }
        // Only the first few KiB count.
        let mut late = vec![b' '; HEAD_LIMIT];
        late.extend_from_slice(b"// Code generated. DO NOT EDIT.");
        assert!(!generated_marker(&late));
        let body = format!("package x\n{}// @generated\n", "\n".repeat(HEAD_LINES));
        assert!(!generated_marker(body.as_bytes()));
        assert_eq!(Context::of("src/late.go", &late), Context::Production);
    }

    #[test]
    fn paths_are_judged_within_their_repository() {
        let roots = Roots::new(vec![
            ("/home/ci/build/app".into(), String::new()),
            (".".into(), String::new()),
            ("sub/fixtures/".into(), "tests/fixtures".into()),
            ("one_test.go".into(), "pkg/one_test.go".into()),
        ]);
        assert_eq!(
            roots.within("/home/ci/build/app/src/main.go"),
            "src/main.go"
        );
        assert_eq!(roots.within("src/x.py"), "src/x.py");
        assert_eq!(
            roots.within("sub/fixtures/key.pem"),
            "tests/fixtures/key.pem"
        );
        assert_eq!(roots.within("sub/fixturesx/a"), "sub/fixturesx/a");
        assert_eq!(roots.within("one_test.go"), "pkg/one_test.go");
        let c = |p: &str| Context::classify(&roots.within(p), false);
        assert_eq!(c("/home/ci/build/app/src/main.go"), Context::Production);
        assert_eq!(c("sub/fixtures/key.pem"), Context::Test);
        assert_eq!(Roots::default().within("<stdin>"), "<stdin>");
    }

    #[test]
    fn a_root_outside_a_repository_keeps_a_name_that_says_tests_or_docs() {
        use std::path::Path;
        for (path, is_dir, want) in [
            ("/home/me/testdata", true, "testdata"),
            ("/srv/site/docs", true, "docs"),
            ("/home/ci/build", true, ""),
            ("/home/ci/app", true, ""),
            ("/", true, ""),
            ("/home/me/fixtures/key.pem", false, "fixtures/key.pem"),
            ("/home/me/app/key.pem", false, "key.pem"),
        ] {
            assert_eq!(outside_repository(Path::new(path), is_dir), want, "{path}");
        }
    }

    #[test]
    fn names_round_trip_and_aliases_are_accepted() {
        for c in Context::ALL {
            assert_eq!(Context::from_name(c.name()), Some(c));
        }
        assert_eq!(Context::from_name("vendor"), Some(Context::Vendored));
        assert_eq!(Context::from_name("tests"), Some(Context::Test));
        assert_eq!(Context::from_name("prod"), None);
        assert!(Context::Production < Context::Test && Context::Docs < Context::Vendored);
    }
}

//! `leakhound revoke`: the secret found again by a scan (tree, history or standard
//! input), shown redacted, confirmed, and sent to a local mock of the provider through
//! the same `--provider NAME=URL` mapping self-hosted users configure. Nothing here
//! reaches the internet.

use super::verify::{Mock, Reply, json};
use super::*;

/// A GitLab personal access token of the routable form (the rule's own example).
pub(crate) const GITLAB_PAT: &str = "glpat-SZ7dH5jBz4hRZ-EyT21S8MhZaB_Bu_38G9GK3B.01.120wzsndb";

/// GitHub's credential revocation API: 202 for any list it accepts.
fn github_revoke_mock(status: u16) -> Mock {
    Mock::new(move |_, _| {
        Reply::With(
            status,
            vec![],
            if status == 202 {
                "{}".into()
            } else {
                r#"{"message":"Validation Failed"}"#.into()
            },
        )
    })
}

/// `leakhound revoke ARGS` in `dir`, `provider` mapped to `mock`.
fn revoke(dir: &Dir, provider: &str, mock: &Mock, args: &[&str]) -> Output {
    dir.cmd()
        .arg("revoke")
        .arg("--provider")
        .arg(format!("{provider}={}", mock.url))
        .args(args)
        .output()
        .unwrap()
}

/// Everything a run printed, to check that the secret is in none of it.
fn printed(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

#[test]
fn a_token_found_by_its_hash_is_revoked_with_what_github_expects() {
    let mock = github_revoke_mock(202);
    let dir = Dir::new();
    let token = github_token(0);
    dir.write("app.env", format!("GITHUB_TOKEN={token}\n"));
    let hash = secret_hash(&token);
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--fingerprint", &hash, "--yes", "."],
    );
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(
        stdout(&o).contains("revoked: github-pat-classic ghp_"),
        "{}",
        printed(&o)
    );
    let err = stderr(&o);
    for shown in [
        "rule:     github-pat-classic",
        "found at: app.env:1:14",
        "sent to:  127.0.0.1 (github, --provider github)",
    ] {
        assert!(err.contains(shown), "{shown} in {err}");
    }
    assert!(!printed(&o).contains(&token));
    // One request: the token in a JSON list, and no authentication (GitHub refuses an
    // authenticated call to this endpoint).
    let seen = mock.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("POST", "/credentials/revoke")
    );
    let body: Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(body, serde_json::json!({ "credentials": [token] }));
    assert!(
        seen[0]
            .header("content-type")
            .unwrap()
            .contains("application/json")
    );
    assert_eq!(seen[0].header("authorization"), None);

    // A location's fingerprint, as the JSON report shows it, names it too.
    let scan = dir
        .cmd()
        .args(["scan", "--format", "json", "."])
        .output()
        .unwrap();
    let fp = locations(&json_of(&scan))[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--fingerprint", &fp.to_uppercase(), "--yes"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert_eq!(mock.seen().len(), 2);
    // So does the start of the hash the text report shows (`hash:…`).
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--fingerprint", &hash[..12], "--yes"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert_eq!(mock.seen().len(), 3);
}

#[test]
fn a_token_no_longer_valid_is_already_invalid_and_a_refusal_fails() {
    // GitLab's self-revocation: DELETE with the token in its header; 401 means it
    // was not valid anymore.
    let mock = Mock::new(|_, _| json(401, r#"{"message":"401 Unauthorized"}"#));
    let dir = Dir::new();
    dir.write("ci.env", format!("GITLAB_TOKEN={GITLAB_PAT}\n"));
    let hash = secret_hash(GITLAB_PAT);
    let o = revoke(&dir, "gitlab", &mock, &["--fingerprint", &hash, "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(
        stdout(&o).contains("already invalid: gitlab-pat glpat-")
            && stdout(&o).contains("the provider answered 401"),
        "{}",
        printed(&o)
    );
    let seen = mock.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("DELETE", "/api/v4/personal_access_tokens/self")
    );
    assert_eq!(seen[0].header("private-token"), Some(GITLAB_PAT));
    assert!(!printed(&o).contains(GITLAB_PAT));

    // 204: revoked.
    let mock = Mock::new(|_, _| Reply::With(204, vec![], String::new()));
    let o = revoke(&dir, "gitlab", &mock, &["--fingerprint", &hash, "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(
        stdout(&o).starts_with("revoked: gitlab-pat"),
        "{}",
        printed(&o)
    );

    // An answer the rule does not read is a refusal: not revoked, exit 1.
    let refused = github_revoke_mock(422);
    let dir = Dir::new();
    dir.write("app.env", format!("GITHUB_TOKEN={}\n", github_token(1)));
    let hash = secret_hash(&github_token(1));
    let o = revoke(&dir, "github", &refused, &["--fingerprint", &hash, "--yes"]);
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    assert!(
        stderr(&o).contains("error: not revoked: github-pat-classic ghp_")
            && stderr(&o).contains("answered 422"),
        "{}",
        printed(&o)
    );
    assert_eq!(refused.seen().len(), 1);
}

/// A team's `--config` maps providers that are only verified (Vault) beside those
/// revoked: revoke uses the ones it can and is not refused because of the others.
#[test]
fn a_config_that_also_maps_verify_only_providers_still_revokes() {
    let mock = github_revoke_mock(202);
    let dir = Dir::new();
    let token = github_token(4);
    dir.write("app.env", format!("GITHUB_TOKEN={token}\n"));
    // The team's file lies outside the scanned tree (inside, its mappings would not be
    // used).
    let team = Dir::new();
    let cfg = team.write(
        "team.toml",
        format!(
            "[verify.providers]\nvault = \"https://vault.corp.example:8200\"\ngithub = \"{}\"\n",
            mock.url
        ),
    );
    let hash = secret_hash(&token);
    let o = dir
        .cmd()
        .args(["revoke", "--config"])
        .arg(&cfg)
        .args(["--fingerprint", &hash, "--yes", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert_eq!(mock.seen().len(), 1, "{}", printed(&o));
    assert!(!printed(&o).contains(&token));
}

#[test]
fn without_a_terminal_or_with_dry_run_nothing_is_sent() {
    let mock = github_revoke_mock(202);
    let dir = Dir::new();
    let token = github_token(2);
    dir.write("app.env", format!("GITHUB_TOKEN={token}\n"));
    let hash = secret_hash(&token);
    // Standard input is not a terminal: no question can be asked, so nothing is sent.
    let o = revoke(&dir, "github", &mock, &["--fingerprint", &hash]);
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(
        stderr(&o).contains("no terminal to ask on") && stderr(&o).contains("--yes"),
        "{}",
        printed(&o)
    );
    assert!(!printed(&o).contains(&token));
    // --dry-run: the request as templates, never the secret.
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--fingerprint", &hash, "--dry-run"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    let out = stdout(&o);
    assert_eq!(
        out,
        format!(
            "POST {}/credentials/revoke\nheaders: Accept, Content-Type, X-GitHub-Api-Version\n\
             body: {{\"credentials\":[\"{{secret}}\"]}}\n",
            mock.url
        )
    );
    assert!(stderr(&o).contains("dry run, nothing was sent"));
    assert!(!printed(&o).contains(&token));
    assert!(mock.seen().is_empty());
}

#[test]
fn what_cannot_be_found_or_revoked_is_a_usage_error() {
    let mock = github_revoke_mock(202);
    let dir = Dir::new();
    dir.write("app.env", format!("GITHUB_TOKEN={}\n", github_token(0)));
    // No such secret here.
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--fingerprint", &"ab".repeat(16), "--yes"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(
        stderr(&o).contains("no secret with fingerprint or hash abab"),
        "{}",
        printed(&o)
    );
    // Not a fingerprint at all.
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--fingerprint", "0123456789a", "--yes"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a fingerprint"), "{}", printed(&o));
    // A rule without a revoke section: the provider's manual steps instead.
    let npm = "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";
    dir.write("npm.env", format!("NPM_TOKEN={npm}\n"));
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--fingerprint", &secret_hash(npm), "--yes"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(
        stderr(&o).contains("has no revocation") && stderr(&o).contains("revoke it by hand"),
        "{}",
        printed(&o)
    );
    // A mapping must name a provider some rule revokes with.
    let o = dir
        .cmd()
        .args([
            "revoke",
            "--provider",
            "stripe=http://127.0.0.1:9",
            "--rule",
        ])
        .args(["github-pat-classic", "--yes", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--provider stripe: no rule revokes with a provider of that name"),
        "{}",
        printed(&o)
    );
    // Neither --fingerprint nor --rule.
    let o = dir.cmd().args(["revoke", "--yes", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(mock.seen().is_empty());
}

#[test]
fn a_secret_held_by_the_user_is_read_from_standard_input_and_checked_by_its_rule() {
    let mock = github_revoke_mock(202);
    let dir = Dir::new();
    let token = github_token(1);
    let run = |args: &[&str], input: &str| {
        dir.cmd()
            .arg("revoke")
            .arg("--provider")
            .arg(format!("github={}", mock.url))
            .args(args)
            .write_stdin(input.to_string())
            .output()
            .unwrap()
    };
    // Standard input holds the secret, so there is no one to ask: --yes is needed.
    let o = run(
        &["--rule", "github-pat-classic", "-"],
        &format!("{token}\n"),
    );
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(stderr(&o).contains("standard input held the secret"));
    assert!(mock.seen().is_empty());
    // Not what the rule finds.
    let o = run(
        &["--rule", "github-pat-classic", "--yes", "-"],
        &format!("{GITLAB_PAT}\n"),
    );
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(
        stderr(&o).contains("no secret of rule github-pat-classic found in standard input"),
        "{}",
        printed(&o)
    );
    // Without --rule, standard input is refused.
    let o = run(
        &["--fingerprint", &secret_hash(&token), "--yes", "-"],
        &token,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs --rule"), "{}", printed(&o));
    assert!(mock.seen().is_empty());
    // The token, confirmed.
    let o = run(
        &["--rule", "github-pat-classic", "--yes", "-"],
        &format!("{token}\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(
        stderr(&o).contains("found at: <stdin>:1:1"),
        "{}",
        printed(&o)
    );
    assert!(!printed(&o).contains(&token));
    let seen = mock.seen();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].body.contains(&token));
}

#[test]
fn a_token_only_in_history_is_found_with_git() {
    let mock = github_revoke_mock(202);
    let repo = Repo::new();
    let token = github_token(0);
    repo.write("deploy.sh", format!("export GITHUB_TOKEN={token}\n"));
    let added = repo.commit("add deploy script", "2021-06-01T00:00:00Z", "Dev");
    repo.write("deploy.sh", "export GITHUB_TOKEN=\"$CI_TOKEN\"\n");
    repo.commit("read the token from CI", "2021-06-02T00:00:00Z", "Dev");
    let hash = secret_hash(&token);
    let url = format!("github={}", mock.url);
    // Not in the working tree any more.
    let o = repo.leakhound(&[
        "revoke",
        "--provider",
        &url,
        "--fingerprint",
        &hash,
        "--yes",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(stderr(&o).contains("no secret with fingerprint"));
    assert!(mock.seen().is_empty());
    let o = repo.leakhound(&[
        "revoke",
        "--git",
        "--provider",
        &url,
        "--fingerprint",
        &hash,
        "--yes",
        ".",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(
        stderr(&o).contains(&format!(
            "found at: deploy.sh:1:21 (commit {})",
            &added[..12]
        )),
        "{}",
        printed(&o)
    );
    assert_eq!(mock.seen().len(), 1);
}

/// A user rule with a revoke section, for the config tests.
fn fixture_revoke_rule() -> String {
    r#"
[[rules]]
id = "fixture-revocable-token"
name = "Fixture revocable token"
description = "A token of a fixture service."
regex = '''\b(?P<secret>fxr_[A-Za-z0-9]{24})\b'''
keywords = ["fxr_"]
severity = "high"
confidence = "high"
remediation = "Revoke it."
references = ["https://example.com/docs"]
examples = ["fxr_pVHHX3luTp7VYCqrIKuiFOn3", "t = fxr_Kq8Zr2Wn4Kt7Vm2Xb9Lc5Hd1"]
negative_examples = ["fxr_short"]

[rules.revoke]
provider = "fixture"
base = "https://fixture.example"
method = "DELETE"
path = "/tokens/self"
live = [204]
invalid = [401]

[rules.revoke.headers]
Authorization = "Bearer {secret}"
"#
    .to_string()
}

/// A repository cannot choose where a secret goes: the revoke sections of the config
/// found in the scanned directory are dropped; the same file given with --config is
/// the user's choice. `rules check` refuses an unsafe revoke section.
#[test]
fn the_scanned_directorys_config_cannot_add_a_revocation() {
    let mock = Mock::new(|_, _| Reply::With(204, vec![], String::new()));
    let dir = Dir::new();
    dir.write(".leakhound.toml", fixture_revoke_rule());
    let token = "fxr_Wm3Qz8Rt5Xn2Kv7Lp4Hs9Jd6";
    dir.write("app.env", format!("FIXTURE_TOKEN={token}\n"));
    let args = ["--rule", "fixture-revocable-token", "--yes", "."];
    let o = revoke(&dir, "fixture", &mock, &args);
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(
        stderr(&o).contains("no rule revokes with a provider of that name"),
        "{}",
        printed(&o)
    );
    let o = dir
        .cmd()
        .args(["revoke", "--rule", "fixture-revocable-token", "--yes", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(stderr(&o).contains("has no revocation"), "{}", printed(&o));
    assert!(mock.seen().is_empty());
    // Named with --config, the file is still the scanned tree's: its revoke section
    // is dropped, and a warning says why.
    let o = revoke(
        &dir,
        "fixture",
        &mock,
        &[
            "--config",
            ".leakhound.toml",
            "--rule",
            "fixture-revocable-token",
            "--yes",
            ".",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "not used: .leakhound.toml (named, but inside the scanned tree .): the \
             verify/revoke sections of 1 rule"
        ) && err.contains("no rule revokes with a provider of that name"),
        "{err}"
    );
    assert!(mock.seen().is_empty());
    // Copied outside the tree, it is the user's choice.
    let user = Dir::new();
    let chosen = user.write("team.toml", fixture_revoke_rule());
    let chosen = chosen.to_str().unwrap();
    let hash = secret_hash(token);
    let o = revoke(
        &dir,
        "fixture",
        &mock,
        &["--config", chosen, "--fingerprint", &hash, "--yes", "."],
    );
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(!stderr(&o).contains("warning"), "{}", printed(&o));
    assert_eq!(mock.seen().len(), 1);
    assert_eq!(
        mock.seen()[0].header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );

    let unsafe_rule = fixture_revoke_rule()
        .replace("DELETE", "GET")
        .replace("https://fixture.example", "http://fixture.example");
    dir.write(
        "rules/unsafe.toml",
        format!("provider = \"Fixture\"\n{unsafe_rule}"),
    );
    let o = dir
        .cmd()
        .args(["rules", "check", "--rules", "rules/unsafe.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    let err = printed(&o);
    assert!(
        err.contains("revoke.method \"GET\" must be POST or DELETE")
            && err.contains("revoke.base \"http://fixture.example\" must be https://"),
        "{err}"
    );
}

#[test]
fn the_playbook_shows_the_command_first_for_a_live_key_and_never_the_secret() {
    let verify = Mock::new(|s, _| {
        if s.path == "/user" && s.header("authorization").is_some() {
            json(200, r#"{"login":"octo-fixture"}"#)
        } else {
            json(401, "{}")
        }
    });
    let dir = Dir::new();
    let token = github_token(0);
    dir.write("app.env", format!("GITHUB_TOKEN={token}\n"));
    // The command names the finding by its fingerprint, as the JSON report gives it.
    let fingerprint_of = |o: &Output| {
        json_of(o)["findings"][0]["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let fp = fingerprint_of(
        &dir.cmd()
            .args(["scan", "--format", "json", "."])
            .output()
            .unwrap(),
    );
    let command = format!("leakhound revoke --fingerprint {fp}");
    // Verified through a mapping, the command passes the mapping on.
    let mapped = format!(
        "leakhound revoke --provider github={} --fingerprint {fp}",
        verify.url
    );
    let o = dir
        .cmd()
        .args([
            "scan",
            "--format",
            "markdown",
            "--verify",
            "--verify-provider",
        ])
        .arg(format!("github={}", verify.url))
        .arg(".")
        .output()
        .unwrap();
    let md = stdout(&o);
    assert!(!md.contains(&token));
    let section = &md[md.find("### Revoke and rotate").unwrap()..];
    let now = section.find("**Revoke it now**").expect(&md);
    let cmd_at = section.find(&mapped).expect(&md);
    let steps = section.find("1. **Revoke**").expect(&md);
    assert!(now < cmd_at && cmd_at < steps, "{section}");
    // The text report gives the command on one line under the verdict.
    let o = dir
        .cmd()
        .args(["scan", "--verify", "--verify-provider"])
        .arg(format!("github={}", verify.url))
        .arg(".")
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains(&format!("    revoke: {mapped}\n")),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains(&token));
    // Unverified: after the provider's own steps.
    let o = dir
        .cmd()
        .args(["scan", "--format", "markdown", "."])
        .output()
        .unwrap();
    let md = stdout(&o);
    let section = &md[md.find("### Revoke and rotate").unwrap()..];
    assert!(!section.contains("**Revoke it now**"));
    let cmd_at = section.find(&format!("{command}\n")).expect(&md);
    assert!(section.find("1. **Revoke**").unwrap() < cmd_at, "{section}");
    assert!(!section.contains("--provider"), "{section}");
    // History: the command looks in history.
    let repo = Repo::new();
    repo.write("app.env", format!("GITHUB_TOKEN={token}\n"));
    repo.commit("add", "2021-06-01T00:00:00Z", "Dev");
    let fp = fingerprint_of(&repo.leakhound(&["git", "--format", "json", "."]));
    let o = repo.leakhound(&["git", "--format", "markdown", "."]);
    assert!(
        stdout(&o).contains(&format!("leakhound revoke --git --fingerprint {fp} .")),
        "{}",
        stdout(&o)
    );
}

/// On a terminal the command asks, and only `y` or `yes` sends anything (the run gets
/// a pseudo-terminal, and the answer is typed on it).
#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_it_asks_and_sends_only_on_yes() {
    let mock = github_revoke_mock(202);
    let dir = Dir::new();
    let token = github_token(2);
    dir.write("app.env", format!("GITHUB_TOKEN={token}\n"));
    let answer = |reply: &str| {
        let mut cmd = leakhound_std();
        cmd.current_dir(dir.path())
            .args(["revoke", "--provider"])
            .arg(format!("github={}", mock.url))
            .args(["--rule", "github-pat-classic", "."]);
        run_on_pty(cmd, reply.as_bytes())
    };
    let (status, shown) = answer("n\n");
    assert!(
        shown.contains("Revoke? This cannot be undone. [y/N]"),
        "{shown}"
    );
    assert!(shown.contains("not revoked"), "{shown}");
    assert_eq!(status.code(), Some(1), "{shown}");
    assert!(mock.seen().is_empty());
    let (status, shown) = answer("y\n");
    assert_eq!(status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("revoked: github-pat-classic ghp_"),
        "{shown}"
    );
    assert!(!shown.contains(&token));
    assert_eq!(mock.seen().len(), 1);
}

/// A self-managed GitLab's token, verified through a mapping (a flag or a `--config`
/// file's `[verify.providers]`): the text report's and the playbook's revoke command
/// carry the mapping, and, run as printed, revokes it there and not on gitlab.com.
#[test]
fn the_printed_command_revokes_where_the_scan_verified() {
    let mock = Mock::new(
        |s, _| match (s.method.as_str(), s.header("private-token")) {
            ("GET", Some(GITLAB_PAT)) => json(200, r#"{"name":"ci","scopes":["api"]}"#),
            ("DELETE", Some(GITLAB_PAT)) => Reply::With(204, vec![], String::new()),
            _ => json(401, r#"{"message":"401 Unauthorized"}"#),
        },
    );
    let dir = Dir::new();
    dir.write("ci.env", format!("GITLAB_TOKEN={GITLAB_PAT}\n"));
    // The team's config lives outside the scanned tree (one inside it sets nothing
    // about the network).
    let team = Dir::new();
    let corp = team.write(
        "corp.toml",
        format!("[verify.providers]\ngitlab = \"{}\"\n", mock.url),
    );
    let corp = corp.to_str().unwrap();
    let mapping = format!("--provider gitlab={} --fingerprint ", mock.url);
    // The `revoke:` line of the text report, mapped by a flag or by the config file.
    let revoke_line = |how: &[&str]| {
        let o = dir
            .cmd()
            .args(["scan", "--verify"])
            .args(how)
            .arg(".")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
        assert!(!printed(&o).contains(GITLAB_PAT));
        stdout(&o)
            .lines()
            .find_map(|l| l.strip_prefix("    revoke: "))
            .unwrap_or_else(|| panic!("no revoke line: {}", stdout(&o)))
            .to_string()
    };
    let flag = format!("gitlab={}", mock.url);
    let by_flag = revoke_line(&["--verify-provider", &flag]);
    assert!(
        by_flag.starts_with(&format!("leakhound revoke {mapping}")),
        "{by_flag}"
    );
    let by_config = revoke_line(&["--config", corp]);
    assert_eq!(by_config, by_flag);
    // The playbook gives the same command.
    let o = dir
        .cmd()
        .args([
            "scan",
            "--format",
            "markdown",
            "--verify",
            "--verify-provider",
        ])
        .arg(&flag)
        .arg(".")
        .output()
        .unwrap();
    let md = stdout(&o);
    assert!(md.contains(&format!("\n{by_flag}\n```")), "{md}");
    assert!(!md.contains(GITLAB_PAT));
    let gets = mock.seen().len();
    assert_eq!(gets, 3, "one verification per scan");
    // Run as printed: the token goes to the mock, the host the scan verified it with.
    let words: Vec<&str> = by_flag.split(' ').collect();
    assert_eq!(words[0], "leakhound");
    let o = dir.cmd().args(&words[1..]).arg("--yes").output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(
        stderr(&o).contains("sent to:  127.0.0.1 (gitlab, --provider gitlab)"),
        "{}",
        printed(&o)
    );
    assert!(
        stdout(&o).starts_with("revoked: gitlab-pat glpat-"),
        "{}",
        printed(&o)
    );
    let seen = mock.seen();
    assert_eq!(seen.len(), gets + 1);
    assert_eq!(
        (seen[gets].method.as_str(), seen[gets].path.as_str()),
        ("DELETE", "/api/v4/personal_access_tokens/self")
    );
    // Without the mapping, the command says where it would send the token before
    // anything is sent: the rule's own host.
    let o = dir
        .cmd()
        .args(["revoke", "--dry-run"])
        .args(&words[words.len() - 2..])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(
        stderr(&o).contains("sent to:  gitlab.com (gitlab, built-in)"),
        "{}",
        printed(&o)
    );
    assert_eq!(mock.seen().len(), gets + 1);
}

/// A credential pasted where a hash, a rule id or a URL belongs is never repeated in
/// the error (CI logs keep it); a plain rule id is.
#[test]
fn a_pasted_credential_is_not_repeated_in_an_error() {
    let mock = github_revoke_mock(202);
    let dir = Dir::new();
    dir.write("app.env", format!("GITHUB_TOKEN={}\n", github_token(0)));
    let token = github_token(3);
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--fingerprint", &token, "--yes", "."],
    );
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(stderr(&o).contains("not a fingerprint"), "{}", printed(&o));
    assert!(!printed(&o).contains(&token), "{}", printed(&o));
    let o = revoke(&dir, "github", &mock, &["--rule", &token, "--yes", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(
        stderr(&o).contains("--rule: the value given is not a rule id"),
        "{}",
        printed(&o)
    );
    assert!(!printed(&o).contains(&token), "{}", printed(&o));
    // A mistyped id is shown, as it helps and cannot be a secret.
    let o = revoke(
        &dir,
        "github",
        &mock,
        &["--rule", "github-pat-clasic", "--yes", "."],
    );
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(
        stderr(&o).contains("--rule github-pat-clasic: no rule has that id"),
        "{}",
        printed(&o)
    );
    // A mapping URL carrying the token as its user.
    let o = dir
        .cmd()
        .args(["revoke", "--provider"])
        .arg(format!("gitlab=https://{GITLAB_PAT}@gitlab.corp.example"))
        .args(["--rule", "gitlab-pat", "--yes", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(
        stderr(&o)
            .contains("https://gitlab.corp.example: a base URL is a scheme, a host and a path"),
        "{}",
        printed(&o)
    );
    assert!(!printed(&o).contains("SZ7dH5jBz4hRZ"), "{}", printed(&o));
    assert!(mock.seen().is_empty());
}

//! `--verify`: one request per distinct secret, at most `concurrency` at a time, each
//! host paced and backed off on 429, with a cap on the total; the answers are set on
//! the groups they belong to.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use indicatif::{ProgressBar, ProgressStyle};

use super::coded;
use super::host::fill_base;
use super::request::{Answer, Base, agent, is_loopback, send};
use super::template::Values;
use crate::finding::{ProviderMapping, SecretGroup, Verification, VerifyStatus};
use crate::rules::verify_check::{coded_domains, coded_host_allowed};
use crate::rules::{RuleSet, VerifySpec};

/// How verification runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--verify-provider NAME=URL` or a `--config` file's `[verify.providers]`: a
    /// provider's requests go to URL instead (a self-hosted GitHub, GitLab, Vault…).
    /// The last mapping of a name wins.
    pub providers: Vec<Mapping>,
    /// Each request's overall time limit.
    pub timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests sent in all, retries included; secrets beyond it stay `unknown`.
    pub max_requests: usize,
    /// The least time between two requests to one host.
    pub host_interval: Duration,
    /// Retries of a request answered 429, each after the wait the provider asked
    /// for (at most `max_backoff`) or a doubling one.
    pub retries: u32,
    pub max_backoff: Duration,
    /// A progress bar on standard error.
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            providers: Vec::new(),
            timeout: Duration::from_secs(10),
            concurrency: 32,
            max_requests: 5_000,
            host_interval: Duration::from_millis(5),
            retries: 2,
            max_backoff: Duration::from_secs(30),
            progress: false,
        }
    }
}

/// A provider sent to another base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The provider's name in the rules' verify sections.
    pub name: String,
    pub url: String,
    /// Where the mapping was made, for messages and the summary
    /// (`--verify-provider github`, `corp.toml verify.providers.github`).
    pub origin: String,
}

/// What verification did, for the summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Requests sent (retries included).
    pub requests: usize,
    /// Requests sent to each host, by host and where the host came from (`built-in`,
    /// a rule file, or a mapping): one host reached from two places counts each apart.
    pub hosts: BTreeMap<(String, String), usize>,
    pub verified: usize,
    pub invalid: usize,
    pub unknown: usize,
    /// Secrets not sent because the request cap was reached: the verification is
    /// incomplete, and a filter on its results must not pass them as clean.
    pub capped: usize,
    /// Secrets not sent because their host kept answering 429 and was given up on:
    /// as unchecked as capped ones (a repository's decoys could otherwise push a live
    /// secret out of `--only-verified`).
    pub given_up: usize,
}

/// A distinct request: a verify section and the values that fill it.
#[derive(Hash, PartialEq, Eq, Clone)]
struct Key {
    provider: String,
    verifier: Option<String>,
    path: String,
    secret: Vec<u8>,
    key_id: Option<String>,
    near: Vec<(String, String)>,
}

struct Job<'r> {
    spec: &'r VerifySpec,
    base: Base,
    /// Where the base came from, for the summary.
    origin: String,
    /// The mapping that chose the base, if one did.
    mapping: Option<Box<ProviderMapping>>,
    secret: String,
    key_id: Option<String>,
    /// Values found near the secret (`verify.near`).
    near: Vec<(String, String)>,
    /// Other values found about as near as the key ID or a near value used: the
    /// pairing is a guess ([`Finding::rivals`](crate::finding::Finding::rivals)).
    rivals: Vec<(String, String)>,
}

/// Checks provider mappings: each names a provider some rule verifies with, and a base
/// URL that [`Base::parse`] accepts.
pub fn check_providers(rules: &RuleSet, providers: &[Mapping]) -> Result<(), String> {
    for Mapping { name, url, origin } in providers {
        known_provider(rules, name, |d| d.verify.as_ref(), "verifies")
            .map_err(|e| format!("{origin}: {e}"))?;
        let base = Base::parse(url).map_err(|e| format!("{origin}: {e}"))?;
        // A coded verifier's signed request is accepted by its provider for a while:
        // it goes only to the provider's own domain, or to a loopback host (a mock).
        let refused = (0..rules.len()).find_map(|i| {
            let spec = rules.get(i).def.verify.as_ref()?;
            let verifier = spec.verifier.as_deref()?;
            (spec.provider == *name
                && !is_loopback(&base.host)
                && !coded_host_allowed(verifier, &base.host))
            .then_some(verifier)
        });
        if let Some(verifier) = refused {
            return Err(format!(
                "{origin}: {}: the {verifier} verifier signs a request that {name} accepts for \
                 a while, which another host could replay: it is only sent to a host under {} \
                 (or a loopback host)",
                base.host,
                coded_domains(verifier).join(" or ")
            ));
        }
    }
    Ok(())
}

/// Whether some rule's `section` (verify or revoke) has the provider `name`; if not,
/// why, naming the providers there are (`what` is what such a rule does: `verifies`).
pub(crate) fn known_provider(
    rules: &RuleSet,
    name: &str,
    section: impl Fn(&crate::rules::RuleDef) -> Option<&VerifySpec>,
    what: &str,
) -> Result<(), String> {
    let mut names: Vec<&str> = rules
        .rules()
        .iter()
        .filter_map(|r| section(&r.def).map(|s| s.provider.as_str()))
        .collect();
    if names.contains(&name) {
        return Ok(());
    }
    names.sort_unstable();
    names.dedup();
    Err(format!(
        "no rule {what} with a provider of that name (known: {})",
        names.join(", ")
    ))
}

/// Verifies every group's secret and sets its `verification`.
pub fn verify(rules: &RuleSet, groups: &mut [SecretGroup], opts: &Options) -> Summary {
    let mut jobs: Vec<Job<'_>> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    // Per group: a job, or a verdict reached without asking anyone.
    let mut plan: Vec<Result<usize, Verification>> = Vec::with_capacity(groups.len());
    // A host is labelled built-in only for a rule that is the embedded one, word for
    // word (a user's file can be named rules/….toml too).
    let embedded = RuleSet::builtin();
    for g in groups.iter() {
        let f = g.primary();
        let rule = rules.get(f.rule);
        let Some(spec) = rule.def.verify.as_ref() else {
            let why = rule
                .def
                .not_verified
                .as_deref()
                .unwrap_or("no verifier for this rule");
            plan.push(Err(Verification::unknown(why)));
            continue;
        };
        if f.secret.is_empty() {
            plan.push(Err(Verification::unknown(
                "the secret is not known (an incremental record keeps none)",
            )));
            continue;
        }
        let Ok(secret) = std::str::from_utf8(&f.secret) else {
            plan.push(Err(Verification::unknown("the secret is not text")));
            continue;
        };
        let with_key_id = g.findings.iter().find(|f| f.key_id.is_some());
        let key_id = with_key_id.and_then(|f| f.key_id.clone());
        // The location that found the most values, the first on a tie: values are
        // taken together from one place, never mixed from several files.
        let near_from = g.findings.iter().rev().max_by_key(|f| f.near.len());
        let near = near_from.map(|f| f.near.clone()).unwrap_or_default();
        let rivals: Vec<(String, String)> = with_key_id
            .into_iter()
            .flat_map(|f| f.rivals.iter().filter(|(l, _)| l == "key_id"))
            .chain(
                near_from
                    .into_iter()
                    .flat_map(|f| f.rivals.iter().filter(|(l, _)| l != "key_id")),
            )
            .cloned()
            .collect();
        let key = Key {
            provider: spec.provider.clone(),
            verifier: spec.verifier.clone(),
            path: spec.path.clone(),
            secret: f.secret.clone(),
            key_id: key_id.clone(),
            near: near.clone(),
        };
        if let Some(&j) = index.get(&key) {
            plan.push(Ok(j));
            continue;
        }
        let mapped = opts
            .providers
            .iter()
            .rev()
            .find(|m| m.name == spec.provider);
        // A host is not named by a guess: with another candidate for its label near
        // the secret, nothing is sent.
        if mapped.is_none()
            && let Some((label, other)) = rivals
                .iter()
                .find(|(l, _)| spec.base.contains(&format!("{{{l}}}")))
        {
            let chosen = near
                .iter()
                .find(|(l, _)| l == label)
                .map_or("", |(_, v)| v.as_str());
            plan.push(Err(Verification::unknown(format!(
                "not sent: several {label} values near the secret ({chosen}, {other}), and the \
                 host would be a guess"
            ))));
            continue;
        }
        // A mapped URL is used as it is; the rule's own base may take a value found
        // near the secret as its host's first label, and nothing else.
        let (url, origin) = match mapped {
            Some(m) => (Ok(m.url.clone()), m.origin.clone()),
            None if embedded.holds(rule) => (fill_base(&spec.base, &near), "built-in".into()),
            None => (
                fill_base(&spec.base, &near),
                format!("rule file {}", rule.source),
            ),
        };
        let url = match url {
            Ok(u) => u,
            Err(e) => {
                plan.push(Err(Verification::unknown(e.reason())));
                continue;
            }
        };
        let base = match Base::parse(&url) {
            Ok(b) => b,
            Err(e) => {
                plan.push(Err(Verification::unknown(e)));
                continue;
            }
        };
        if mapped.is_none() && is_placeholder(&base.host) {
            plan.push(Err(Verification::unknown(format!(
                "{name} is self-hosted and has no public address: map it with \
                 --verify-provider {name}=URL",
                name = spec.provider
            ))));
            continue;
        }
        index.insert(key, jobs.len());
        plan.push(Ok(jobs.len()));
        jobs.push(Job {
            spec,
            base,
            origin,
            mapping: mapped.map(|m| {
                Box::new(ProviderMapping {
                    provider: m.name.clone(),
                    url: m.url.clone(),
                })
            }),
            secret: secret.to_string(),
            key_id,
            near,
            rivals,
        });
    }
    let (results, summary_hosts, requests) = run_jobs(&jobs, opts);
    let mut summary = Summary {
        requests,
        hosts: summary_hosts,
        ..Summary::default()
    };
    for (g, p) in groups.iter_mut().zip(plan) {
        let v = match p {
            Ok(j) => {
                let (mut v, unsent) = results[j].clone();
                v.mapping = jobs[j].mapping.clone();
                summary.capped += usize::from(unsent == Unsent::Capped);
                summary.given_up += usize::from(unsent == Unsent::GivenUp);
                v
            }
            Err(v) => v,
        };
        match v.status {
            VerifyStatus::Verified => summary.verified += 1,
            VerifyStatus::Invalid => summary.invalid += 1,
            VerifyStatus::Unknown => summary.unknown += 1,
        }
        g.verification = Some(v);
    }
    summary
}

/// Whether a base URL's host is a stand-in on the reserved `.invalid` domain (RFC
/// 6761): the base of a provider that only exists self-hosted (Vault, Artifactory),
/// which no request is sent to until `--verify-provider` maps it.
fn is_placeholder(host: &str) -> bool {
    host.ends_with(".invalid")
}

type Hosts = BTreeMap<(String, String), usize>;

/// Secrets whose retries a host answered only with 429 before it is given up on: the
/// rest of its secrets are not sent (so a rate-limited host cannot stall a run).
const GIVE_UP_AFTER: u32 = 3;

/// Why a job's secret was never sent, when it was not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unsent {
    No,
    /// The request cap was reached.
    Capped,
    /// Its host kept answering 429 and was given up on.
    GivenUp,
}

/// Each job's verdict, and whether something kept it from being sent.
type Verdicts = Vec<(Verification, Unsent)>;

fn run_jobs(jobs: &[Job<'_>], opts: &Options) -> (Verdicts, Hosts, usize) {
    let results: Vec<Mutex<Option<(Verification, Unsent)>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let sent = AtomicUsize::new(0);
    let pace: Mutex<HashMap<String, Instant>> = Mutex::new(HashMap::new());
    let hosts: Mutex<Hosts> = Mutex::new(BTreeMap::new());
    let refusing: Mutex<HashMap<String, u32>> = Mutex::new(HashMap::new());
    let bar = if opts.progress && !jobs.is_empty() {
        let bar = ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("verifying {pos}/{len} secrets {wide_bar} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let https = agent(opts.timeout, true);
    let local = agent(opts.timeout, false);
    let work = || {
        loop {
            let j = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(j) else { break };
            let client = if job.base.scheme == "https" {
                &https
            } else {
                &local
            };
            let values = Values {
                secret: &job.secret,
                key_id: job.key_id.as_deref(),
                secret_path: None,
                near: &job.near,
            };
            let mut attempt = 0;
            let mut unsent = Unsent::No;
            let verdict = loop {
                if given_up(&refusing, &job.base.host) {
                    let mut v = Verification::unknown(format!(
                        "not sent: {} kept answering 429 (rate limited)",
                        job.base.host
                    ));
                    v.host = Some(job.base.host.clone());
                    unsent = Unsent::GivenUp;
                    break v;
                }
                if sent.fetch_add(1, Ordering::Relaxed) >= opts.max_requests {
                    sent.fetch_sub(1, Ordering::Relaxed);
                    unsent = Unsent::Capped;
                    break Verification::unknown(format!(
                        "not sent: the cap of {} requests was reached",
                        opts.max_requests
                    ));
                }
                wait_turn(&pace, &job.base.host, opts.host_interval);
                let answer = match &job.spec.verifier {
                    // Signed anew for each attempt, at the time it is sent.
                    Some(name) => coded::send(
                        client,
                        name,
                        job.spec,
                        &job.base,
                        &values,
                        SystemTime::now(),
                    ),
                    None => send(client, job.spec, &job.base, &values),
                };
                if let Answer::NotSent(v) = answer {
                    sent.fetch_sub(1, Ordering::Relaxed);
                    break v;
                }
                if let Ok(mut h) = hosts.lock() {
                    *h.entry((job.base.host.clone(), job.origin.clone()))
                        .or_insert(0) += 1;
                }
                match answer {
                    Answer::Done(v) | Answer::NotSent(v) => break v,
                    Answer::RateLimited(asked) => {
                        if attempt >= opts.retries {
                            if let Ok(mut r) = refusing.lock() {
                                *r.entry(job.base.host.clone()).or_insert(0) += 1;
                            }
                            let mut v = Verification::unknown(format!(
                                "rate limited (429) after {} attempts",
                                attempt + 1
                            ));
                            v.host = Some(job.base.host.clone());
                            break v;
                        }
                        let doubling = Duration::from_secs(1u64 << attempt.min(5));
                        let wait = asked
                            .map(Duration::from_secs)
                            .unwrap_or(doubling)
                            .min(opts.max_backoff);
                        hold_host(&pace, &job.base.host, wait);
                        attempt += 1;
                    }
                }
            };
            let verdict = unless_guessed(job, verdict);
            if let Ok(mut slot) = results[j].lock() {
                *slot = Some((verdict, unsent));
            }
            bar.inc(1);
        }
    };
    std::thread::scope(|s| {
        let mut started = 0;
        for _ in 0..opts.concurrency.clamp(1, jobs.len().max(1)) {
            if crate::scan::threads::spawn_scoped(s, work).is_ok() {
                started += 1;
            }
        }
        if started == 0 {
            work();
        }
    });
    bar.finish_and_clear();
    let results = results
        .into_iter()
        .map(|m| {
            m.into_inner().ok().flatten().unwrap_or_else(|| {
                (
                    Verification::unknown("internal error: no answer recorded"),
                    Unsent::No,
                )
            })
        })
        .collect();
    let hosts = hosts.into_inner().unwrap_or_default();
    (results, hosts, sent.into_inner())
}

/// A refusal of a request sent with a guessed value (a key ID or a near value with
/// another candidate beside the secret) proves nothing about the secret: `unknown`,
/// saying which values were in doubt. A live answer stands: the provider accepted the
/// pair.
fn unless_guessed(job: &Job<'_>, v: Verification) -> Verification {
    if v.status != VerifyStatus::Invalid || job.rivals.is_empty() {
        return v;
    }
    let doubts: Vec<String> = job
        .rivals
        .iter()
        .map(|(label, other)| {
            let used = if label == "key_id" {
                job.key_id.clone().unwrap_or_default()
            } else {
                job.near
                    .iter()
                    .find(|(l, _)| l == label)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            format!("{} {used} (also near it: {other})", label.replace('_', " "))
        })
        .collect();
    let mut u = Verification::unknown(format!(
        "{}; but the request used a guess: {}, so the secret may belong with another",
        v.reason.as_deref().unwrap_or("refused"),
        doubts.join(", ")
    ));
    u.host = v.host;
    u
}

/// Whether `host` has refused enough secrets with 429 to be given up on.
fn given_up(refusing: &Mutex<HashMap<String, u32>>, host: &str) -> bool {
    refusing
        .lock()
        .is_ok_and(|r| r.get(host).is_some_and(|&n| n >= GIVE_UP_AFTER))
}

/// Waits until `host` may be sent the next request, and books the slot after it.
fn wait_turn(pace: &Mutex<HashMap<String, Instant>>, host: &str, interval: Duration) {
    let wait = {
        let Ok(mut p) = pace.lock() else { return };
        let now = Instant::now();
        let at = p.get(host).copied().unwrap_or(now).max(now);
        p.insert(host.to_string(), at + interval);
        at - now
    };
    if !wait.is_zero() {
        std::thread::sleep(wait);
    }
}

/// Holds every request to `host` back for `wait` (it answered 429), then waits too.
fn hold_host(pace: &Mutex<HashMap<String, Instant>>, host: &str, wait: Duration) {
    if let Ok(mut p) = pace.lock() {
        let until = Instant::now() + wait;
        let at = p.entry(host.to_string()).or_insert(until);
        *at = (*at).max(until);
    }
    std::thread::sleep(wait);
}

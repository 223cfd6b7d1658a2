//! Engine throughput: one scanner over 10 MB of source code, with no keyword hits and
//! with a keyword (and a real-looking token) every few kilobytes; plus the cost of
//! building the engine, which every process pays at start-up.
//!
//! Run: `cargo bench --bench engine`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use leakhound::detect::{Engine, checksum::with_crc32_base62};
use leakhound::rules::RuleSet;

const SIZE: usize = 10 << 20;

/// Plausible code that holds no rule keyword.
const CODE: &str = r#"
fn handle_request(req: &Request, state: &AppState) -> Result<Response, Error> {
    let user_id = req.param("user_id").ok_or(Error::BadRequest)?;
    let limit = req.query("limit").and_then(|v| v.parse::<usize>().ok()).unwrap_or(50);
    // Look the user up in the cache first, then fall back to the database.
    if let Some(cached) = state.cache.get(&user_id) {
        return Ok(Response::json(&cached));
    }
    let rows = state.db.query("SELECT id, name, created_at FROM users WHERE id = $1", &[&user_id])?;
    let people: Vec<User> = rows.iter().take(limit).map(User::from_row).collect();
    state.metrics.counter("users.lookup").increment(1);
    Ok(Response::json(&people))
}

def summarise(values, width=80):
    """Return a short textual summary of a list of numbers."""
    total = sum(values)
    mean = total / max(len(values), 1)
    return f"n={len(values)} total={total:.2f} mean={mean:.2f}".ljust(width)
"#;

fn corpus(hit_every: Option<usize>) -> Vec<u8> {
    const BODY: &str = "R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu";
    let mut out = Vec::with_capacity(SIZE + 4096);
    let mut planted = 0;
    while out.len() < SIZE {
        out.extend_from_slice(CODE.as_bytes());
        let due = hit_every.is_some_and(|every| out.len() / every > planted);
        if due {
            planted += 1;
            let r = planted % BODY.len();
            let tok = with_crc32_base62(&format!("ghp_{}{}", &BODY[r..], &BODY[..r]));
            out.extend_from_slice(format!("GITHUB_TOKEN = \"{tok}\"\n").as_bytes());
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new(RuleSet::builtin());
    let clean = corpus(None);
    let mut hits = Vec::new();
    engine.prefilter().find(&clean, &mut hits);
    assert!(
        hits.is_empty(),
        "the clean corpus must not trigger any rule"
    );
    let dirty = corpus(Some(4096));

    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.sample_size(20);
    g.bench_function("10MB-code-no-keywords", |b| {
        let mut scanner = engine.scanner();
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            scanner.scan(black_box(&clean), &mut out);
        })
    });
    g.throughput(Throughput::Bytes(dirty.len() as u64));
    g.bench_function("10MB-code-token-every-4KB", |b| {
        let mut scanner = engine.scanner();
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            scanner.scan(black_box(&dirty), &mut out);
            assert!(!out.is_empty());
        })
    });
    g.finish();

    c.bench_function("startup/builtin-rules-and-engine", |b| {
        b.iter(|| black_box(Engine::new(RuleSet::builtin())))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Embeds the built-in rules: parses every `rules/*.toml` with the same types the
//! library uses (`src/rules/schema.rs`) and writes them to `$OUT_DIR/rules.bin` in
//! postcard form, so the binary never parses TOML for its own rules at start-up.
//! A syntax error in a rule file fails the build, naming the file.

use std::{env, fs, path::Path};

#[allow(dead_code)]
#[path = "src/rules/schema.rs"]
mod schema;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    let mut paths: Vec<_> = fs::read_dir("rules")
        .expect("rules/ directory is part of the crate")
        .map(|e| e.expect("readable rules/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut files: Vec<(String, schema::RuleFile)> = Vec::new();
    for path in &paths {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file: schema::RuleFile =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.to_string_lossy().replace('\\', "/");
        files.push((name, file));
    }
    let bytes = postcard::to_stdvec(&files).expect("rule files serialise");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.bin");
    fs::write(out, bytes).expect("write rules.bin");
}

//! Snapshots of the text, JSON and SARIF reports on the demo fixtures.

use super::*;

#[test]
fn snapshot_text() {
    insta::assert_snapshot!("demo_text", demo("text"));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("demo_json", demo("json"));
}

#[test]
fn snapshot_sarif() {
    insta::assert_snapshot!("demo_sarif", demo("sarif"));
}

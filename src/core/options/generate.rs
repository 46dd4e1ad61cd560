//! Builds `data/flink-options.json` from `shared/data/flink-options` (test-only). The test
//! fails when the committed file is stale; `UPDATE_OPTIONS=1` rewrites it.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::VersionSet;
use crate::core::flink::version::CATALOG;

fn source_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("FLINK_OPTIONS_DIR").map(PathBuf::from),
        Some(manifest.join("../shared/data/flink-options")),
        Some(manifest.join("../../shared/data/flink-options")),
    ];
    candidates.into_iter().flatten().find(|p| p.join("2.2.json").exists()).unwrap_or_else(|| {
        panic!("shared/data/flink-options not found next to {}", manifest.display())
    })
}

fn read(dir: &Path, file: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join(file)).expect("read option file");
    let v: Value = serde_json::from_str(&text).expect("option file is JSON");
    v["options"].as_array().expect("options array").clone()
}

/// The attributes that may differ between versions, in output order.
fn attributes(o: &Value, versions: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("v".into(), json!(versions));
    m.insert("t".into(), o["type"].clone());
    let nonempty = |k: &str| o.get(k).and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    if !o["default"].is_null() {
        m.insert("d".into(), o["default"].clone());
    }
    for (from, to) in [("enumValues", "e"), ("deprecatedKeys", "dk"), ("fallbackKeys", "fk")] {
        if nonempty(from) {
            m.insert(to.into(), o[from].clone());
        }
    }
    for (from, to) in [("deprecated", "dep"), ("hidden", "hid")] {
        if o.get(from) == Some(&json!(true)) {
            m.insert(to.into(), json!(true));
        }
    }
    m
}

/// The data file text for the option files in `dir`.
pub fn generate(dir: &Path) -> String {
    let per_version: Vec<Vec<Value>> =
        CATALOG.iter().map(|v| read(dir, &format!("{v}.json"))).collect();
    let mut keys: Vec<&str> =
        per_version.iter().flatten().filter_map(|o| o["key"].as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut lines = Vec::new();
    for key in keys {
        // (version set, attributes without `v`) per version that has the key, newest first.
        // Descriptions are not written (see `options.rs`).
        let mut groups: Vec<(u8, Map<String, Value>, &Value)> = Vec::new();
        for (i, opts) in per_version.iter().enumerate().rev() {
            let Some(o) = opts.iter().find(|o| o["key"] == key) else { continue };
            let attrs = attributes(o, "");
            match groups.last_mut() {
                Some((mask, a, _)) if *a == attrs && *mask & (1 << (i + 1)) != 0 => *mask |= 1 << i,
                _ => groups.push((1 << i, attrs, o)),
            }
        }
        let mut variants =
            groups.iter().map(|(mask, _, o)| attributes(o, &VersionSet(*mask).range_text()));
        let mut rec = Map::new();
        rec.insert("k".into(), json!(key));
        rec.extend(variants.next().expect("one variant"));
        let older: Vec<Value> = variants.map(Value::Object).collect();
        if !older.is_empty() {
            rec.insert("x".into(), Value::Array(older));
        }
        lines.push(Value::Object(rec).to_string());
    }
    for o in read(dir, "operator.json") {
        let mut rec = Map::new();
        rec.insert("k".into(), o["key"].clone());
        rec.extend(attributes(&o, "op"));
        lines.push(Value::Object(rec).to_string());
    }
    let operator: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("operator.json")).expect("read operator.json"),
    )
    .expect("operator.json is JSON");
    format!(
        "{{\"flinkVersions\": {},\n\"operatorVersion\": {},\n\"options\": [\n{}\n]}}\n",
        json!(CATALOG.iter().map(ToString::to_string).collect::<Vec<_>>()),
        operator["operatorVersion"],
        lines.join(",\n")
    )
}

#[test]
fn committed_data_file_is_fresh() {
    let fresh = generate(&source_dir());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/flink-options.json");
    if std::env::var_os("UPDATE_OPTIONS").is_some() {
        std::fs::write(&path, &fresh).expect("write data/flink-options.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "data/flink-options.json is stale; regenerate with UPDATE_OPTIONS=1 cargo test --lib options"
    );
}

#[test]
fn every_source_key_is_in_the_catalog_for_its_versions() {
    let dir = source_dir();
    let cat = super::Catalog::parse(&generate(&dir)).expect("generated data parses");
    for &fv in CATALOG {
        let v = fv.to_string();
        for o in read(&dir, &format!("{v}.json")) {
            let key = o["key"].as_str().expect("key");
            let found = cat.lookup(key, fv).unwrap_or_else(|| panic!("{key} missing for {v}"));
            assert_eq!(found.key, key);
            assert_eq!(found.type_name, o["type"].as_str().expect("type"), "{key} in {v}");
            assert_eq!(found.default.as_deref(), o["default"].as_str(), "{key} in {v}");
        }
    }
}

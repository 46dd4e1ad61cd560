//! Builds `data/flink-options.json` from `shared/data/flink-options` and the operator
//! releases the shared folder lacks (`data/sources/operator-<major.minor>.json`, same
//! format; test-only). The test fails when the committed file is stale;
//! `UPDATE_OPTIONS=1` rewrites it.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::{OperatorSet, VersionSet};
use crate::core::flink::version::{CATALOG, OPERATOR_CATALOG, Version};

fn source_dir() -> PathBuf {
    std::env::var_os("FLINK_OPTIONS_DIR")
        .map(PathBuf::from)
        .filter(|p| p.join("2.2.json").exists())
        .unwrap_or_else(|| crate::core::shared_material::path("data/flink-options"))
}

fn read(dir: &Path, file: &str) -> Vec<Value> {
    options_of(&dir.join(file))
}

fn options_of(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("read option file {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).expect("option file is JSON");
    v["options"].as_array().expect("options array").clone()
}

/// The operator options of FKO `release`: `operator-<major.minor>.json` in the shared
/// folder or in `data/sources`, else the shared `operator.json` when it is that release's.
fn operator_options(dir: &Path, release: Version) -> Vec<Value> {
    let file = format!("operator-{}.json", release.minor_text());
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sources");
    for candidate in [dir.join(&file), project.join(&file)] {
        if candidate.exists() {
            return options_of(&candidate);
        }
    }
    let shared = dir.join("operator.json");
    let text = std::fs::read_to_string(&shared).expect("read operator.json");
    let head: Value = serde_json::from_str(&text).expect("operator.json is JSON");
    let declared = head["operatorVersion"].as_str().and_then(Version::parse);
    assert!(
        declared.is_some_and(|v| v.minor_text() == release.minor_text()),
        "no operator options for FKO {release}: add data/sources/{file}"
    );
    options_of(&shared)
}

/// Groups the versions (newest first) that have `key` into runs of equal attributes:
/// (bit mask of indexes, attributes without `v`, the newest record of the run).
fn groups<'o>(
    per_version: &'o [Vec<Value>],
    key: &str,
) -> Vec<(u8, Map<String, Value>, &'o Value)> {
    let mut groups: Vec<(u8, Map<String, Value>, &Value)> = Vec::new();
    for (i, opts) in per_version.iter().enumerate().rev() {
        let Some(o) = opts.iter().find(|o| o["key"] == key) else { continue };
        let attrs = attributes(o, "");
        match groups.last_mut() {
            Some((mask, a, _)) if *a == attrs && *mask & (1 << (i + 1)) != 0 => *mask |= 1 << i,
            _ => groups.push((1 << i, attrs, o)),
        }
    }
    groups
}

/// One line of the data file: the newest variant, its description, older variants in `x`.
fn record(
    key: &str,
    groups: &[(u8, Map<String, Value>, &Value)],
    v: impl Fn(u8) -> String,
) -> String {
    let mut variants = groups.iter().map(|(mask, _, o)| attributes(o, &v(*mask)));
    let mut rec = Map::new();
    rec.insert("k".into(), json!(key));
    rec.extend(variants.next().expect("one variant"));
    let desc = groups[0].2["description"].as_str().unwrap_or("");
    if !desc.is_empty() {
        rec.insert("s".into(), json!(desc));
    }
    let older: Vec<Value> = variants.map(Value::Object).collect();
    if !older.is_empty() {
        rec.insert("x".into(), Value::Array(older));
    }
    Value::Object(rec).to_string()
}

fn sorted_keys(per_version: &[Vec<Value>]) -> Vec<&str> {
    let mut keys: Vec<&str> =
        per_version.iter().flatten().filter_map(|o| o["key"].as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
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
    let mut lines = Vec::new();
    for key in sorted_keys(&per_version) {
        lines.push(record(key, &groups(&per_version, key), |m| VersionSet(m).range_text()));
    }
    let per_release: Vec<Vec<Value>> =
        OPERATOR_CATALOG.iter().map(|r| operator_options(dir, *r)).collect();
    for key in sorted_keys(&per_release) {
        lines.push(record(key, &groups(&per_release, key), |m| OperatorSet(m).op_text()));
    }
    format!(
        "{{\"flinkVersions\": {},\n\"operatorVersions\": {},\n\"options\": [\n{}\n]}}\n",
        json!(CATALOG.iter().map(ToString::to_string).collect::<Vec<_>>()),
        json!(OPERATOR_CATALOG.iter().map(ToString::to_string).collect::<Vec<_>>()),
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
    let data = super::compact::compact(&generate(&dir)).expect("generated data compacts");
    let cat = super::Catalog::parse(&data).expect("generated data parses");
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

#[test]
fn every_operator_key_is_in_the_catalog_of_its_release() {
    let dir = source_dir();
    let data = super::compact::compact(&generate(&dir)).expect("generated data compacts");
    for (i, release) in OPERATOR_CATALOG.iter().enumerate() {
        let cat = super::Catalog::parse_for(&data, i).expect("generated data parses");
        let source = operator_options(&dir, *release);
        for o in &source {
            let key = o["key"].as_str().expect("key");
            let found = cat
                .lookup(key, crate::core::flink::version::FlinkVersion::LATEST)
                .unwrap_or_else(|| panic!("{key} missing for FKO {release}"));
            assert_eq!(found.key, key);
            assert!(found.operator, "{key} is an operator option");
            assert_eq!(found.default.as_deref(), o["default"].as_str(), "{key} in FKO {release}");
            assert_eq!(found.deprecated, o["deprecated"] == json!(true), "{key} in FKO {release}");
        }
        let operator_keys = cat.options().iter().filter(|o| o.operator).count();
        assert_eq!(operator_keys, source.len(), "FKO {release}: no option of another release");
    }
}

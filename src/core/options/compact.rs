//! The option catalog's compact form: what the studio embeds (see `core::options`).
//!
//! `data/flink-options.json` stays the reviewable, generated data file. The build script
//! (`build.rs`, which includes this file as a module) turns it into this line format in
//! `$OUT_DIR`, and the catalog is read from there with a plain line splitter: no JSON
//! parser and no descriptions (nothing shows them) in the browser bundle.
//!
//! Format: a header line `flink-options 1`, TAB, the catalog's Flink versions, TAB, its
//! operator releases (each comma-separated). Then one line per option variant, fields
//! separated by TAB: key (empty: the previous line's key), versions (as the JSON's `v`),
//! type, `=` and the default (empty: no default), enum values, deprecated keys, fallback
//! keys (each separated by U+001F), flags (`d` deprecated, `h` hidden).

use serde_json::Value;

/// The first word of the header line (with the format's version after it).
pub const MAGIC: &str = "flink-options 1";

/// Separates the items of a list field.
pub const ITEM: char = '\u{1f}';

/// The compact form of the JSON data file `json` (the format of `data/flink-options.json`),
/// or why it cannot be written.
pub fn compact(json: &str) -> Result<String, String> {
    let file: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let versions = |field: &str| -> Result<String, String> {
        let list = file[field].as_array().ok_or(format!("no {field} list"))?;
        let texts: Option<Vec<&str>> = list.iter().map(Value::as_str).collect();
        Ok(texts.ok_or(format!("{field}: not all texts"))?.join(","))
    };
    let mut out =
        format!("{MAGIC}\t{}\t{}\n", versions("flinkVersions")?, versions("operatorVersions")?);
    let options = file["options"].as_array().ok_or("no options array")?;
    for o in options {
        let key = o["k"].as_str().ok_or("an option without a key")?;
        let older = o.get("x").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        for (i, v) in std::iter::once(o).chain(older).enumerate() {
            let fields = variant(v).map_err(|e| format!("{key}: {e}"))?;
            let key_field = if i == 0 { key } else { "" };
            for field in std::iter::once(key_field).chain(fields.iter().map(String::as_str)) {
                if field.contains(['\t', '\n', '\r']) {
                    return Err(format!("{key}: a value holds a tab or a line break"));
                }
            }
            out.push_str(key_field);
            for f in &fields {
                out.push('\t');
                out.push_str(f);
            }
            out.push('\n');
        }
    }
    Ok(out)
}

/// The fields after the key of one variant record (`v`, `t`, `d`, `e`, `dk`, `fk`, flags).
fn variant(v: &Value) -> Result<Vec<String>, String> {
    let text = |field: &str| v.get(field).and_then(Value::as_str);
    let list = |field: &str| -> Result<String, String> {
        let Some(items) = v.get(field) else { return Ok(String::new()) };
        let items = items.as_array().ok_or(format!("{field} is not a list"))?;
        let texts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
        let texts = texts.ok_or(format!("{field}: not all texts"))?;
        if texts.iter().any(|t| t.contains(ITEM)) {
            return Err(format!("{field}: an item holds U+001F"));
        }
        Ok(texts.join(&ITEM.to_string()))
    };
    let flag = |field: &str| v.get(field).and_then(Value::as_bool).unwrap_or(false);
    let mut flags = String::new();
    if flag("dep") {
        flags.push('d');
    }
    if flag("hid") {
        flags.push('h');
    }
    Ok(vec![
        text("v").ok_or("no versions")?.to_string(),
        text("t").ok_or("no type")?.to_string(),
        text("d").map(|d| format!("={d}")).unwrap_or_default(),
        list("e")?,
        list("dk")?,
        list("fk")?,
        flags,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::options::{Catalog, FlinkVersion};

    const HEAD: &str = r#"{"flinkVersions": ["1.18","1.19","1.20","2.0","2.1","2.2","2.3"],
"operatorVersions": ["1.15.0","1.16.0"], "options": ["#;

    #[test]
    fn an_empty_default_differs_from_none_and_older_variants_keep_their_key() {
        let json = format!(
            "{HEAD}{}]}}",
            r#"{"k":"a.b","v":"2.0-2.3","t":"String","d":"","x":[{"v":"1.18-1.20","t":"Enum","e":["X","Y"],"dep":true}]},
               {"k":"c.d","v":"1.18-2.3","t":"Long","dk":["old.c","older.c"],"hid":true}"#
        );
        let cat = Catalog::parse(&compact(&json).unwrap()).unwrap();
        let v2 = cat.lookup("a.b", FlinkVersion::new(2, 1)).unwrap();
        assert_eq!((v2.default.as_deref(), v2.deprecated), (Some(""), false));
        let v1 = cat.lookup("a.b", FlinkVersion::new(1, 19)).unwrap();
        assert_eq!((v1.default.as_deref(), v1.deprecated), (None, true));
        assert_eq!(v1.enum_values, ["X", "Y"]);
        let c = cat.lookup("older.c", FlinkVersion::new(2, 0)).unwrap();
        assert_eq!((c.key.as_str(), c.hidden), ("c.d", true));
        assert_eq!(c.deprecated_keys, ["old.c", "older.c"]);
    }

    /// Every variant of the committed data file comes back whole from the compact form:
    /// versions, type, default, enum values, deprecated and fallback keys, flags.
    #[test]
    fn the_embedded_catalog_holds_every_variant_of_the_data_file() {
        use crate::core::flink::version::OPERATOR_CATALOG;
        let json: Value = serde_json::from_str(include_str!("../../../data/flink-options.json"))
            .expect("data file is JSON");
        let texts = |v: &Value, f: &str| -> Vec<String> {
            let items = v.get(f).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
            items.iter().map(|i| i.as_str().expect("text").to_string()).collect()
        };
        let cats: Vec<Catalog> = (0..OPERATOR_CATALOG.len())
            .map(|i| Catalog::parse_for(crate::core::options::DATA, i).expect("parses"))
            .collect();
        let mut checked = 0;
        for o in json["options"].as_array().expect("options") {
            let key = o["k"].as_str().expect("key");
            let older = o.get("x").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
            for v in std::iter::once(o).chain(older) {
                let range = v["v"].as_str().expect("versions");
                let found = cats.iter().flat_map(|c| c.options()).find(|i| {
                    i.key == key
                        && match range.strip_prefix("op") {
                            Some(r) => {
                                i.operator && i.operator_releases.op_text() == format!("op{r}")
                            }
                            None => !i.operator && i.versions.range_text() == range,
                        }
                });
                let i = found.unwrap_or_else(|| panic!("{key} {range} missing"));
                assert_eq!(i.type_name, v["t"].as_str().expect("type"), "{key} {range}");
                assert_eq!(i.default.as_deref(), v["d"].as_str(), "{key} {range}");
                assert_eq!(i.enum_values, texts(v, "e"), "{key} {range}");
                assert_eq!(i.deprecated_keys, texts(v, "dk"), "{key} {range}");
                assert_eq!(i.fallback_keys, texts(v, "fk"), "{key} {range}");
                assert_eq!(i.deprecated, v["dep"] == true, "{key} {range}");
                assert_eq!(i.hidden, v["hid"] == true, "{key} {range}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked} variants");
    }

    #[test]
    fn a_tab_in_a_value_or_other_versions_are_refused() {
        let tab = format!("{HEAD}{}]}}", r#"{"k":"a","v":"2.3","t":"String","d":"x\ty"}"#);
        assert!(compact(&tab).unwrap_err().contains("tab"));
        let ok = compact(&format!("{HEAD}]}}")).unwrap();
        assert!(Catalog::parse(&ok.replace("2.3", "2.9")).unwrap_err().contains("header"));
    }
}

//! CFG-SB-001 — unknown state backend.
//!
//! What it checks: `state.backend.type` (or the legacy `state.backend`) is `hashmap`,
//! `rocksdb`, `forst` (Flink ≥ 2.0) or a fully-qualified factory class. The legacy names
//! `jobmanager` and `filesystem` are CFG-SB-002's.
//! Why: Flink fails at startup with an unknown backend name.
//! How to fix: use one of the shortcut names (the message suggests the nearest one).

use super::shared::{has_placeholder, maps};
use crate::core::finding::Severity;
use crate::core::flink::version::FlinkVersion;
use crate::core::options::suggest::distance;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct StateBackend;

/// Legacy backend names (CFG-SB-002).
pub const LEGACY: &[&str] = &["jobmanager", "filesystem"];

impl Rule for StateBackend {
    fn id(&self) -> &'static str {
        "CFG-SB-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "state.backend.type must be hashmap, rocksdb, forst (Flink 2.0+) or a factory class"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            let forst = m.version >= FlinkVersion::new(2, 0);
            let valid: &[&str] =
                if forst { &["hashmap", "rocksdb", "forst"] } else { &["hashmap", "rocksdb"] };
            for i in m.items_for("state.backend.type") {
                let v = i.value.trim().to_ascii_lowercase();
                if has_placeholder(&v)
                    || v.contains('.')
                    || valid.contains(&v.as_str())
                    || LEGACY.contains(&v.as_str())
                {
                    continue;
                }
                let nearest =
                    valid.iter().min_by_key(|n| distance(&v, n)).copied().unwrap_or("rocksdb");
                let msg = if v == "forst" {
                    format!(
                        "State backend 'forst' needs Flink 2.0 or newer (this is Flink {})",
                        m.version
                    )
                } else {
                    format!("Unknown state backend '{}' — did you mean {nearest}?", i.value)
                };
                out.report(m.owner, &i.pointer, msg)
                    .hint(format!("use one of {}", valid.join(", ")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn doc(version: &str, key: &str, value: &str) -> String {
        let version = FlinkVersion::parse(version).expect("a version").enum_name();
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
             spec:\n  flinkVersion: {version}\n  flinkConfiguration:\n    {key}: {value}\n"
        )
    }

    #[test]
    fn fires_on_typos_and_early_forst() {
        let f = check(&StateBackend, &doc("1.20", "state.backend", "rockdb"));
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state.backend".into(), Severity::Error)]
        );
        assert!(f[0].message.contains("did you mean rocksdb"), "{}", f[0].message);
        assert_eq!(f[0].line, Some(7));
        let f = check(&StateBackend, &doc("1.19", "state.backend.type", "forst"));
        assert!(f[0].message.contains("needs Flink 2.0"));
    }

    #[test]
    fn silent_on_valid_names() {
        for (v, value) in [
            ("2.0", "ForSt"),
            ("1.18", "rocksdb"),
            ("1.18", "filesystem"),
            ("1.18", "com.x.MyFactory"),
        ] {
            assert!(
                check(&StateBackend, &doc(v, "state.backend.type", value)).is_empty(),
                "{value}"
            );
        }
    }
}

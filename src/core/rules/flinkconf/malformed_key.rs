//! CFG-KEY-001 — malformed configuration keys.
//!
//! What it checks: every key of every `flinkConfiguration` map contains only letters,
//! digits and `. - _ $ /`, with no empty segment (`a..b`, a leading or trailing dot).
//! Why: Flink keys never contain quotes, spaces, colons or `=`; such a key is a typo
//! (e.g. `rest.profiling.enabled"`) and is silently ignored.
//! How to fix: remove the stray characters.

use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct MalformedKey;

/// True when `key` cannot be a Flink configuration key.
pub fn is_malformed(key: &str) -> bool {
    let bad_char = |c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '$' | '/'));
    key.is_empty() || key.chars().any(bad_char) || key.split('.').any(str::is_empty)
}

impl Rule for MalformedKey {
    fn id(&self) -> &'static str {
        "CFG-KEY-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Configuration keys must not contain quotes, spaces or other characters impossible in Flink keys"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            for i in m.items().into_iter().filter(|i| is_malformed(&i.key)) {
                let clean: String = i
                    .key
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
                    .collect();
                out.report(m.owner, &i.pointer, format!("Malformed key '{}'", i.key))
                    .hint(format!("remove the stray characters (did you mean '{clean}'?)"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_a_quote_in_the_key() {
        let f = check(
            &MalformedKey,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec:\n  flinkConfiguration:\n    'rest.profiling.enabled\"': 'true'\n    'a b': x\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/flinkConfiguration/rest.profiling.enabled\"".into(), Severity::Error),
                ("/spec/flinkConfiguration/a b".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].line, Some(6));
        assert!(f[0].hint.contains("rest.profiling.enabled'"), "{}", f[0].hint);
    }

    #[test]
    fn silent_on_real_keys_and_map_suffixes() {
        let f = check(
            &MalformedKey,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\n\
             spec:\n  flinkConfiguration:\n    kubernetes.jobmanager.annotations.prometheus.io/scrape: 'true'\n    \
             $internal.pipeline.job-id: x\n    taskmanager: {numberOfTaskSlots: 2}\n",
        );
        assert!(f.is_empty(), "{f:?}");
        assert!(is_malformed("a..b") && is_malformed(".a") && !is_malformed("a_b.c-d"));
    }
}

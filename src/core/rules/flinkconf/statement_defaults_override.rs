//! CFG-LAYER-003 — environment statement defaults override the statement.
//!
//! What it checks: a key of a statement's `flinkConfiguration` also set, with a different
//! value, in the environment's `statementDefaults.detached` or `.interactive` (the
//! branch matching the statement's SQL).
//! Why: CMF documents that environment statement defaults override the statement.
//! How to fix: remove the key from the statement, or change the environment.

use super::shared::layer_conflicts;
use crate::core::config::{Layer, Scope};
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct StatementDefaultsOverride;

impl Rule for StatementDefaultsOverride {
    fn id(&self) -> &'static str {
        "CFG-LAYER-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Environment statementDefaults override the statement's flinkConfiguration"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            let Some(c) = cx.config(r.id, Scope::Job) else { continue };
            for (e, lost) in
                layer_conflicts(c, Layer::EnvironmentStatementDefaults, Layer::Resource)
            {
                let msg = format!(
                    "Environment statement defaults override {}={} with {}",
                    e.key, lost.value, e.value
                );
                out.report(r, &lost.source.path, msg)
                    .hint(format!("the environment wins (CMF docs; set at {})", e.source.path));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_for_the_matching_branch_only() {
        let f = check(
            &StatementDefaultsOverride,
            "name: prod\nkubernetesNamespace: flink\nstatementDefaults:\n  \
             detached: {flinkConfiguration: {pipeline.name: d}}\n  interactive: {flinkConfiguration: {rest.port: '1'}}\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: s}\nspec:\n  statement: INSERT INTO t SELECT 1\n  \
             flinkConfiguration:\n    pipeline.name: mine\n    rest.port: '2'\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/pipeline.name".into(), Severity::Warning)]
        );
        assert!(f[0].message.contains("pipeline.name=mine with d"));
        assert_eq!(f[0].line, Some(13));
    }
}

//! CFG-LAYER-001 — environment application defaults override the application.
//!
//! What it checks: a key (normalised to its canonical name) set in a FlinkApplication's
//! `flinkConfiguration` and, with a different value, in its environment's
//! `flinkApplicationDefaults.spec.flinkConfiguration`.
//! Why: CMF documents that the environment wins, despite the word "defaults"; the value
//! written in the application never reaches the cluster.
//! How to fix: remove the key from the application, or change it in the environment.

use super::shared::layer_conflicts;
use crate::core::config::{Layer, Scope};
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct EnvironmentOverridesApp;

impl Rule for EnvironmentOverridesApp {
    fn id(&self) -> &'static str {
        "CFG-LAYER-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Environment flinkApplicationDefaults override the application's flinkConfiguration"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Application) {
            let Some(c) = cx.config(r.id, Scope::Cluster) else { continue };
            let env = cx.environment_of(r).map_or("?", |e| e.name());
            for (e, lost) in
                layer_conflicts(c, Layer::EnvironmentApplicationDefaults, Layer::Resource)
            {
                let msg = format!(
                    "Environment '{env}' overrides {}={} with {}",
                    e.key, lost.value, e.value
                );
                out.report(r, &lost.source.path, msg)
                    .hint("the environment wins (CMF docs): remove the key here or change the environment");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const ENV: &str = "name: prod\nkubernetesNamespace: flink\nflinkApplicationDefaults:\n  spec:\n    \
                       flinkConfiguration: {pipeline.name: env, web.cancel.enable: 'false'}\n---\n";

    #[test]
    fn fires_on_different_values_only() {
        let f = check(
            &EnvironmentOverridesApp,
            &format!(
                "{ENV}apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {{name: a}}\n\
                 spec:\n  flinkConfiguration:\n    pipeline.name: mine\n    web.cancel.enable: 'false'\n"
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/pipeline.name".into(), Severity::Warning)]
        );
        assert!(f[0].message.contains("'prod' overrides pipeline.name=mine with env"));
        assert_eq!(f[0].line, Some(12));
    }
}

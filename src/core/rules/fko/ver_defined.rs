//! FKO-VER-001 — `spec.flinkVersion` must be defined.
//!
//! What it checks: FlinkDeployments, blue/green templates, CMF applications and compute-pool
//! `clusterSpec`s without `flinkVersion` (after the environment defaults are merged in).
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects a deployment whose Flink version is unknown.
//! How to fix: set `flinkVersion` to the Flink version of the image.

use crate::core::finding::Severity;
use crate::core::flink::version;
use crate::core::rules::{Context, Rule, Sink, supplied_outside};

/// See the module documentation.
pub struct VerDefined;

impl Rule for VerDefined {
    fn id(&self) -> &'static str {
        "FKO-VER-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "spec.flinkVersion must be defined"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            if s.complete() && s.merged(&["flinkVersion"]).is_none() {
                let f = out.report(
                    s.owner,
                    &s.field(&["flinkVersion"]),
                    "Flink version must be defined",
                );
                f.hint(format!(
                    "set flinkVersion to the Flink version of the image, e.g. {}",
                    version::EXAMPLE.enum_name()
                ));
                supplied_outside(cx, f, s.supplied_outside());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_version_unless_the_environment_sets_it() {
        let sql = version::FlinkVersion::CMF_SQL_DEFAULT.enum_name();
        let f = check(
            &VerDefined,
            &format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
                 spec: {{image: flink}}\n---\n\
                 {{name: dev, kubernetesNamespace: dev, computePoolDefaults: {{clusterSpec: {{flinkVersion: {sql}}}}}}}\n---\n\
                 {{apiVersion: cmf.confluent.io/v1, kind: ComputePool, metadata: {{name: pool}}, spec: {{clusterSpec: {{image: x}}}}}}\n"
            ),
        );
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(4));
        assert!(f[0].hint.ends_with(&version::EXAMPLE.enum_name()));
    }

    const CFK_APP: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\n\
        metadata: {name: a, namespace: confluent}\nspec:\n  flinkEnvironment: prod\n  image: cp-flink:1.19\n";

    #[test]
    fn an_environment_outside_the_design_may_supply_it() {
        let f = check(&VerDefined, CFK_APP);
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Warning)]);
        assert_eq!(
            f[0].message,
            "Flink version must be defined: not set here, so it must come from the \
             flinkApplicationDefaults of environment 'prod', which is not in the design"
        );
        // A CMF REST payload whose environment the design cannot tell.
        let rest = "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec: {image: x}\n";
        let f = check(&VerDefined, rest);
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Warning)]);
        assert!(
            f[0].message.ends_with("of its environment, which is not in the design"),
            "{}",
            f[0].message
        );
        // A design that declares itself complete has no layer outside it.
        let f = crate::core::rules::testing::check_complete(&VerDefined, CFK_APP);
        assert_eq!(
            (f[0].severity, f[0].message.as_str()),
            (Severity::Error, "Flink version must be defined")
        );
    }

    #[test]
    fn an_environment_in_the_design_decides() {
        let env = |defaults: &str| {
            format!(
                "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\nmetadata: {{name: prod, namespace: confluent}}\n\
                 spec: {{kubernetesNamespace: flink, flinkApplicationDefaults: {{spec: {{{defaults}}}}}}}\n---\n{CFK_APP}"
            )
        };
        let v119 = crate::core::flink::version::FlinkVersion::new(1, 19).enum_name();
        assert!(check(&VerDefined, &env(&format!("flinkVersion: {v119}"))).is_empty());
        assert_eq!(
            pointers(&check(&VerDefined, &env("image: x"))),
            [("/spec/flinkVersion".into(), Severity::Error)]
        );
    }
}

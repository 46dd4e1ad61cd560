//! FKO-SJ-006 — session-job jar URIs must use an allowed scheme (FKO ≥ 1.15).
//!
//! What it checks: a FlinkSessionJob `job.jarURI` that is malformed, has no scheme, or whose
//! scheme is not in the operator's allow-list (`kubernetes.operator.user.artifacts.allowed-schemes`,
//! default `https` only; `s3`, `http`, `file`, `local` are rejected unless allowed).
//! Why: since FKO 1.15 the operator fetches session-job jars only from allowed schemes.
//! How to fix: serve the jar over https, or allow the scheme in the operator configuration
//! (setting the option in the CR has no effect).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::jar_scheme::scheme;

/// See the module documentation.
pub struct SjJarScheme;

impl Rule for SjJarScheme {
    fn id(&self) -> &'static str {
        "FKO-SJ-006"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Session job jarURI scheme not allowed by the operator (FKO ≥ 1.15)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if !cx.targets.fko.at_least(1, 15) {
            return;
        }
        for r in cx.subjects_of_kind(Kind::FlinkSessionJob) {
            let Some(uri) = r.spec_str(&["job", "jarURI"]) else { continue };
            // The operator that manages the job's namespace decides.
            let operator = cx.operator_for(Some(r.namespace().unwrap_or("default")));
            let allowed: Vec<String> = operator
                .and_then(|o| o.option("kubernetes.operator.user.artifacts.allowed-schemes"))
                .unwrap_or_else(|| "https".into())
                .split([',', ';'])
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect();
            let msg = match scheme(uri) {
                None => format!("jarURI '{uri}' has no URI scheme"),
                Some(s) if !allowed.contains(&s.to_ascii_lowercase()) => {
                    format!("jarURI scheme '{s}' is not allowed (allowed: {})", allowed.join(", "))
                }
                Some(_) => continue,
            };
            out.report(r, &r.spec_field(&["job", "jarURI"]), msg)
                .hint("serve the jar over https, or add the scheme to kubernetes.operator.user.artifacts.allowed-schemes in the operator configuration");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    fn sj(uri: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j}}\nspec: {{deploymentName: s, job: {{jarURI: '{uri}'}}}}\n"
        )
    }

    #[test]
    fn https_only_by_default() {
        assert_eq!(
            pointers(&check(&SjJarScheme, &sj("s3://b/a.jar"))),
            [("/spec/job/jarURI".into(), Severity::Error)]
        );
        assert!(check(&SjJarScheme, &sj("https://repo/a.jar")).is_empty());
        let old = Targets { fko: Version::new(1, 14, 0), ..Targets::default() };
        assert!(check_with(&SjJarScheme, &sj("s3://b/a.jar"), old).is_empty());
        let allowed = format!(
            "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {{name: fko}}\nspec: {{defaultConfiguration: {{kubernetes.operator.user.artifacts.allowed-schemes: 'https,s3'}}}}\n---\n{}",
            sj("s3://b/a.jar")
        );
        assert!(check(&SjJarScheme, &allowed).is_empty());
    }

    #[test]
    fn the_operator_managing_the_namespace_decides() {
        let op = |name: &str, watch: &str, schemes: &str| {
            format!(
                "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {{name: {name}}}\n\
                 spec: {{watchNamespaces: [{watch}], defaultConfiguration: {{kubernetes.operator.user.artifacts.allowed-schemes: '{schemes}'}}}}\n---\n"
            )
        };
        let job = sj("s3://b/a.jar");
        let second_allows =
            format!("{}{}{job}", op("a", "team-a", "https"), op("b", "default", "https,s3"));
        assert!(check(&SjJarScheme, &second_allows).is_empty());
        let first_allows =
            format!("{}{}{job}", op("a", "team-a", "https,s3"), op("b", "default", "https"));
        assert_eq!(check(&SjJarScheme, &first_allows).len(), 1);
    }
}

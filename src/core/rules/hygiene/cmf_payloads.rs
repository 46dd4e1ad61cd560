//! EXP-001 — CMF REST payloads are not Kubernetes objects.
//!
//! What it checks: documents with `apiVersion: cmf.confluent.io/*`.
//! Why: they are bodies for the CMF REST API, not CRDs; `kubectl apply` rejects them
//! ("no matches for kind"). The studio's kubectl export converts each one to its CFK CR
//! (`platform.confluent.io/v1beta1`, needs CFK with enableCMFDay2Ops) or leaves it out
//! and lists it for the CMF REST/CLI apply, so this is advice, not an error.
//! How to fix: apply them through CMF (`confluent flink …`, REST), or export as CFK CRs.

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind, kind_name};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct CmfPayloads;

impl Rule for CmfPayloads {
    fn id(&self) -> &'static str {
        "EXP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "CMF REST payloads are applied through CMF, or converted to CFK CRs for kubectl"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects().filter(|r| r.form == Form::CmfRest) {
            let how = match kind_name(r.kind, Form::CfkCr) {
                Some(cfk) if r.kind != Kind::Unknown => {
                    format!("the kubectl export converts it to a CFK {cfk}")
                }
                _ => "the kubectl export leaves it out".to_string(),
            };
            out.report(r, "", format!("{} '{}' is a CMF REST payload, not a Kubernetes object: {how}", r.kind_str(), r.name()))
                .hint("apply it with the CMF REST API / confluent CLI, or use the CFK CR (needs CFK with enableCMFDay2Ops)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn explains_the_export() {
        let f = check(
            &CmfPayloads,
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\n",
        );
        assert_eq!(pointers(&f), [("".into(), Severity::Info)]);
        assert!(f[0].message.contains("FlinkComputePool"));
        assert_eq!(f[0].line, Some(1));
    }

    #[test]
    fn silent_on_crs() {
        assert!(check(&CmfPayloads, "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkComputePool\nmetadata: {name: p}\n").is_empty());
    }
}

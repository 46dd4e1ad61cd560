//! What CFK 3.4's Flink CRs are not known to carry: the CMF 2.4 fields a CR converted from
//! a CMF REST payload may hold but no CFK source confirms.
//!
//! Sources checked (December 2026): CFK does not publish its CRDs outside the
//! `confluent-for-kubernetes` Helm chart (packages.confluent.io), and no public repository
//! holds the 3.4 `platform.confluent.io` CRDs (confluentinc/confluent-kubernetes-examples
//! has CRs, not CRDs). The CFK documentation ("Manage Flink Environments / Applications /
//! SQL Statements Using Confluent for Kubernetes", docs.confluent.io/operator/current/
//! co-manage-flink-environments.html, co-manage-flink.html, co-manage-flink-sql.html) lists
//! what each CR supports: FlinkEnvironment `computePoolDefaults`, `kubernetesClusterName`,
//! `secrets`, `statementDefaults`; FlinkApplication `startFromSavepoint` and
//! `job.autoscalerResetNonce`; FlinkStatement the statement, pool, properties and
//! configuration fields (SQL CRs are a preview since CFK 3.3). None names
//! `savepointSchedule` or a statement's `upgradeMode`, and CFK has no artifact CR. A
//! structural CRD prunes fields it does not declare, so CFK may never pass these on to
//! CMF: the export keeps them (nothing the user wrote is dropped) and warns; an
//! artifact is left out of the CFK export (it has no CR; upload it through CMF).

use serde_json::Value;

use crate::core::model::Kind;
use crate::core::schedule;

/// Where the CFK documentation is checked, for messages.
pub const SOURCE: &str = "CFK 3.4 documentation (docs.confluent.io/operator/current, Flink pages)";

/// The fields of a CMF REST payload of `kind` that CFK 3.4 is not known to accept, as
/// dotted paths in the CR's `spec` (`savepointSchedule`, `upgradeMode`,
/// `statementDefaults.detached.savepointSchedule` …).
pub fn unconfirmed(kind: Kind, rest: &Value) -> Vec<String> {
    let spec = if kind == Kind::Environment { Some(rest) } else { rest.get("spec") };
    let Some(spec) = spec else { return Vec::new() };
    let has = |tokens: &[&str]| crate::core::pointer::get(spec, tokens).is_some();
    let mut out = Vec::new();
    match kind {
        Kind::Statement | Kind::Application => {
            if has(&["savepointSchedule"]) {
                out.push("savepointSchedule".to_string());
            }
            if kind == Kind::Statement && has(&["upgradeMode"]) {
                out.push("upgradeMode".to_string());
            }
        }
        Kind::Environment => {
            for tokens in [
                schedule::DETACHED_DEFAULTS,
                schedule::INTERACTIVE_DEFAULTS,
                schedule::APPLICATION_DEFAULTS,
            ] {
                if has(tokens) {
                    out.push(tokens.join("."));
                }
            }
        }
        _ => {}
    }
    out
}

/// The warning a converted CR carries for `fields` (none when empty).
pub fn warning(cr_kind: &str, fields: &[String]) -> Option<String> {
    (!fields.is_empty()).then(|| {
        format!(
            "WARNING: the {SOURCE} does not list {} for {cr_kind}; if its CRD prunes it, CFK \
             never sends it to CMF. Check `kubectl explain {}.spec`, or apply these objects \
             through the CMF REST API (fstudio apply).",
            fields.iter().map(|f| format!("spec.{f}")).collect::<Vec<_>>().join(", "),
            cr_kind.to_lowercase()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_the_cmf_2_4_fields_cfk_does_not_document() {
        let st = json!({"spec": {"statement": "INSERT …", "upgradeMode": "savepoint",
                        "savepointSchedule": {"cronExpression": "0 0 * * * *"}}});
        assert_eq!(unconfirmed(Kind::Statement, &st), ["savepointSchedule", "upgradeMode"]);
        let env =
            json!({"name": "dev", "statementDefaults": {"detached": {"savepointSchedule": {}}}});
        assert_eq!(
            unconfirmed(Kind::Environment, &env),
            ["statementDefaults.detached.savepointSchedule"]
        );
        assert!(unconfirmed(Kind::Statement, &json!({"spec": {"statement": "x"}})).is_empty());
        let text = warning("FlinkStatement", &unconfirmed(Kind::Statement, &st)).unwrap();
        assert!(
            text.contains(
                "does not list spec.savepointSchedule, spec.upgradeMode for FlinkStatement"
            ),
            "{text}"
        );
        assert!(text.contains("kubectl explain flinkstatement.spec"), "{text}");
        assert_eq!(warning("FlinkStatement", &[]), None);
    }
}

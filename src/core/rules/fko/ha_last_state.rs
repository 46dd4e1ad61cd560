//! FKO-HA-003 — `last-state` upgrades without high availability.
//!
//! What it checks: `job.upgradeMode: last-state` on a FlinkDeployment (or CMF application)
//! or FlinkSessionJob whose effective configuration enables no HA.
//! Why: since FKO 1.10 (FLINK-35414) this is allowed, but without HA metadata the operator
//! restores from the latest checkpoint it knows, and manual recovery may be needed if that
//! is lost (info). Before 1.10 the validator rejected it, and rejected `last-state` for
//! session jobs altogether (error).
//! How to fix: enable HA (`high-availability.type: kubernetes`), or accept the risk.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::cluster::Located;
use crate::core::rules::Seen;

/// See the module documentation.
pub struct HaLastState;

impl Rule for HaLastState {
    fn id(&self) -> &'static str {
        "FKO-HA-003"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "last-state upgrade mode without HA (an error before FKO 1.10)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let modern = cx.targets.fko.at_least(1, 10);
        let sev = if modern { Severity::Info } else { Severity::Error };
        let (msg, hint) = if modern {
            (
                "last-state without HA relies on the latest checkpoint; manual recovery may be needed if it is lost",
                "enable high-availability.type: kubernetes to keep HA metadata across upgrades",
            )
        } else {
            (
                "last-state needs HA on this operator version",
                "enable HA or use the savepoint upgrade mode",
            )
        };
        let mut seen = Seen::default();
        // One walk over every resource: its cluster sites, and a session job's own mode.
        for r in cx.subjects() {
            for s in cx.sites_of(r).into_iter().filter(|s| s.complete() && s.job_bearing()) {
                let Some(Located { value: v, resource: owner, pointer: at, .. }) =
                    s.locate(&["job", "upgradeMode"])
                else {
                    continue;
                };
                if v.as_str() == Some("last-state")
                    && !cx.site_conf(&s).ha_active()
                    && seen.first(owner, &at)
                {
                    out.report(owner, &at, msg).severity(sev).hint(hint);
                }
            }
            if r.kind != Kind::FlinkSessionJob
                || r.spec_str(&["job", "upgradeMode"]) != Some("last-state")
            {
                continue;
            }
            let at = r.spec_field(&["job", "upgradeMode"]);
            if !modern {
                out.report(
                    r,
                    &at,
                    "last-state is not supported for session jobs on this operator version",
                )
                .severity(Severity::Error)
                .hint("use savepoint or stateless, or upgrade the operator to 1.10+");
            } else if !cx.resource_conf(r).ha_active() {
                out.report(r, &at, msg).hint("enable HA on the session cluster");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const YAML: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
        spec: {job: {upgradeMode: last-state}}\n---\n\
        apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: b}\n\
        spec: {flinkConfiguration: {high-availability.type: kubernetes}, job: {upgradeMode: last-state}}\n";

    #[test]
    fn info_on_new_operators_error_on_old() {
        let f = check(&HaLastState, YAML);
        assert_eq!(pointers(&f), [("/spec/job/upgradeMode".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(4));
        let old = Targets { fko: Version::new(1, 9, 0), ..Targets::default() };
        assert_eq!(
            pointers(&check_with(&HaLastState, YAML, old)),
            [("/spec/job/upgradeMode".into(), Severity::Error)]
        );
    }

    #[test]
    fn session_jobs_use_the_cluster_ha() {
        let y = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: s}\n\
            spec: {flinkConfiguration: {high-availability: kubernetes}}\n---\n\
            apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: j}\n\
            spec: {deploymentName: s, job: {upgradeMode: last-state}}\n";
        assert!(check(&HaLastState, y).is_empty());
        let old = Targets { fko: Version::new(1, 9, 0), ..Targets::default() };
        assert_eq!(check_with(&HaLastState, y, old)[0].severity, Severity::Error);
    }
}

//! Which parts of a design need which CMF release: the one place that maps a resource to
//! the [`CmfFeature`]s it uses (with the JSON Pointer of each use). CMF-VER-002 reports
//! them against the design's target, and plan/apply refuse them up front against a CMF
//! server that is older (`core::cmf::plan`).

use super::flink::version::CmfFeature;
use super::model::{Kind, Resource, artifact};
use super::schedule;

/// Where the design declares the service-account allowlist: the CMF service node's
/// `spec.serviceAccountAllowlist` (a list of service-account names).
pub const ALLOWLIST: &[&str] = &["serviceAccountAllowlist"];

/// One use of a feature: which, and where in the resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureUse {
    /// The feature.
    pub feature: CmfFeature,
    /// JSON Pointer of the use.
    pub pointer: String,
}

/// Every use of a versioned CMF feature in `r`, in document order.
pub fn feature_uses(r: &Resource) -> Vec<FeatureUse> {
    let mut out = Vec::new();
    let mut add = |feature, pointer: String| out.push(FeatureUse { feature, pointer });
    if r.kind == Kind::Artifact {
        add(CmfFeature::Artifacts, "/kind".into());
    }
    for found in artifact::references_of(r) {
        add(CmfFeature::Artifacts, found.pointer);
    }
    for (tokens, _) in schedule::schedules_of(r) {
        add(CmfFeature::SavepointSchedules, r.spec_field(&tokens));
    }
    if r.kind == Kind::Statement && r.spec_get(&["upgradeMode"]).is_some() {
        add(CmfFeature::StatementUpgradeMode, r.spec_field(&["upgradeMode"]));
    }
    if r.kind == Kind::CmfInstall && r.spec_get(ALLOWLIST).is_some() {
        add(CmfFeature::ServiceAccountAllowlist, r.spec_field(ALLOWLIST));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::ResourceId;
    use serde_json::json;

    #[test]
    fn finds_each_feature_where_it_is_used() {
        let st = Resource::new(
            ResourceId(0),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement", "metadata": {"name": "s"},
                   "spec": {"statement": "CREATE FUNCTION f AS 'F' USING JAR 'cmf://dev/u.jar'",
                            "savepointSchedule": {"cronExpression": "0 0 * * * *"},
                            "upgradeMode": "savepoint"}}),
        );
        let uses: Vec<_> = feature_uses(&st).into_iter().map(|u| (u.feature, u.pointer)).collect();
        assert_eq!(
            uses,
            [
                (CmfFeature::Artifacts, "/spec/statement".to_string()),
                (CmfFeature::SavepointSchedules, "/spec/savepointSchedule".to_string()),
                (CmfFeature::StatementUpgradeMode, "/spec/upgradeMode".to_string()),
            ]
        );
        let env = Resource::new(
            ResourceId(1),
            json!({"name": "dev", "kubernetesNamespace": "f",
                   "statementDefaults": {"detached": {"savepointSchedule": {}}}}),
        );
        assert_eq!(feature_uses(&env)[0].pointer, "/statementDefaults/detached/savepointSchedule");
    }
}

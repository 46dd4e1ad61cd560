//! The judges: from the facts of a resource before and after the change, what the
//! operator or CMF does, what happens to state, the risk, the evidence and the safe
//! sequence. The operator's behaviour is the one of its reconcilers (FKO `main`):
//! `AbstractFlinkResourceReconciler`, `AbstractJobReconciler.getJobUpgrade`,
//! `ApplicationReconciler`, `SessionReconciler`, `SessionJobReconciler`,
//! `DefaultValidator.validateSpecChange` and the blue/green controller; CMF's is the one
//! its OpenAPI and documentation describe.

mod bluegreen;
mod cmf;
mod evidence;
mod job;
mod lifecycle;
mod plans;
mod session;
mod state;

use std::collections::BTreeSet;

use super::facts::{Facts, Shape, Side};
use super::verdict::Verdict;
use crate::core::model::ResourceId;

/// What every judge reads.
pub(super) struct Cx<'a, 'd> {
    /// The baseline.
    pub before: &'a Side<'d>,
    /// The new design.
    pub after: &'a Side<'d>,
    /// Resources of the new design that change in this review.
    pub changed: &'a BTreeSet<ResourceId>,
}

/// The verdict for one resource that exists on either side (`None`: not a kind whose
/// changes affect a job, or unchanged).
pub(super) fn judge(
    cx: &Cx<'_, '_>,
    before: Option<&Facts<'_>>,
    after: Option<&Facts<'_>>,
) -> Option<Verdict> {
    match (before, after) {
        (None, Some(a)) => Some(lifecycle::added(cx, a)),
        (Some(b), None) => Some(lifecycle::removed(cx, b)),
        (Some(b), Some(a)) => changed(cx, b, a),
        (None, None) => None,
    }
}

fn changed(cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Option<Verdict> {
    use Shape::*;
    Some(match (b.shape, a.shape) {
        (ApplicationCluster | SessionCluster, ApplicationCluster | SessionCluster)
            if b.shape != a.shape =>
        {
            job::cluster_type_switch(cx, b, a)
        }
        (ApplicationCluster, _) | (SessionJob, _) | (CmfApplication, _) => job::job(cx, b, a),
        (SessionCluster, _) => session::cluster(cx, b, a),
        (BlueGreen, _) => bluegreen::blue_green(cx, b, a),
        (ComputePool, _) => cmf::pool(cx, b, a)?,
        (Statement, _) => cmf::statement(cx, b, a),
        (Environment, _) => cmf::environment(cx, b, a)?,
    })
}

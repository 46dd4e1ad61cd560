//! Change review: before anything is applied, what happens to every running job and its
//! state.
//!
//! Given a [`Baseline`] (the design as deployed: exported manifests, a design file, a git
//! revision of it, `kubectl get … -o yaml` with `status`) and the new design, [`review`]
//! pairs their resources ([`pairs`]) and, for every FlinkDeployment, FlinkSessionJob,
//! FlinkBlueGreenDeployment, CMF/CFK application, compute pool, statement and environment
//! that is added, removed or changed, gives a [`Verdict`]: what the operator or CMF does
//! (nothing, rescale in place, restart, redeploy, blue/green switch, refusal with the
//! operator's message, a change CMF rejects), what happens to state (kept through a
//! savepoint or the last checkpoint, replaced, at risk, lost — naming the evidence), the
//! risk (downtime class, rollback) and, when the direct change is unsafe, the safe
//! sequence as `kubectl` / `confluent flink` steps.
//!
//! Modules: [`specdiff`] (the operator's `@SpecDiff` classification), `facts` (the one
//! place that reads specs), `judge` (the operator's and CMF's behaviour), [`steps`] (safe
//! sequences), [`rules`] (the spec-change rules of domain.md §4.F and what the operator's
//! code adds, as findings with their own ids), [`preflight`] (moving the operator, CMF or
//! Flink to another version).

pub mod baseline;
mod conf;
mod facts;
mod judge;
pub mod pairs;
pub mod preflight;
pub mod rules;
pub mod script;
pub mod specdiff;
mod status;
pub mod steps;
mod storage;
#[cfg(test)]
mod tests;
pub mod verdict;

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

pub use baseline::Baseline;
pub use verdict::{Action, Downtime, Fate, Verdict};

use crate::core::cmf::diff::{Change as FieldChange, fields};
use crate::core::cmf::endpoints::APPLY_ORDER;
use crate::core::credentials::redacted;
use crate::core::design::Design;
use crate::core::export::clean::PLACEHOLDER;
use crate::core::finding::{self, Finding};
use crate::core::model::{Kind, Resource, ResourceId, ResourceRef};
use crate::core::targets::Targets;
use facts::Side;
use judge::Cx;

/// Version of the review's JSON output (`fstudio review --format json`).
pub const FORMAT_VERSION: u32 = 1;

/// How a resource differs between the baseline and the new design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Only the new design has it.
    Added,
    /// Only the baseline has it.
    Removed,
    /// Both have it, with different fields.
    Changed,
}

/// One added, removed or changed resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceChange {
    /// Its identity (the new design's, or the baseline's when removed).
    pub resource: ResourceRef,
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// Its id in the new design.
    #[serde(skip)]
    pub after: Option<ResourceId>,
    /// Its id in the baseline.
    #[serde(skip)]
    pub before: Option<ResourceId>,
    /// Changed fields (JSON Pointers into the document; `status` and server fields are
    /// never compared).
    pub fields: Vec<FieldChange>,
    /// What happens to the job, for the kinds that run one (or decide how one runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
}

/// Counts of a review, for summaries and exit codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReviewSummary {
    /// Resources added.
    pub added: usize,
    /// Resources removed.
    pub removed: usize,
    /// Resources changed.
    pub changed: usize,
    /// Resources the same on both sides.
    pub unchanged: usize,
    /// Changes the operator refuses or CMF rejects.
    pub refused: usize,
    /// Changes after which a running job's state is lost, replaced or at risk.
    #[serde(rename = "stateAtRisk")]
    pub state_at_risk: usize,
}

/// The review of a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// Where the baseline came from.
    pub baseline: String,
    /// Every added, removed or changed resource, new design's order first.
    pub changes: Vec<ResourceChange>,
    /// Spec-change findings (rule ids of [`rules`]), sorted.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: ReviewSummary,
}

/// `metadata` fields servers and `kubectl` fill in.
const SERVER_METADATA: &[&str] = &[
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "updateTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "managedFields",
    "selfLink",
    "finalizers",
    "ownerReferences",
];

/// The part of a document a change is: no `status`, no server metadata, no `kubectl`
/// bookkeeping annotation, no CMF timestamps, and of a CMF secret only its keys (CMF never
/// returns secret values, so a baseline read from CMF has none to compare).
fn comparable(kind: Kind, doc: &Value) -> Value {
    let mut out = doc.clone();
    let Some(map) = out.as_object_mut() else { return out };
    for key in ["status", "created_time", "updated_time"] {
        map.shift_remove(key);
    }
    if kind == Kind::CmfSecret
        && let Some(data) = map.get_mut("spec").and_then(|s| s.get_mut("data"))
        && let Some(data) = data.as_object_mut()
    {
        data.values_mut().for_each(|v| *v = Value::Null);
    }
    if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
        for key in SERVER_METADATA {
            meta.shift_remove(*key);
        }
        if let Some(a) = meta.get_mut("annotations").and_then(Value::as_object_mut) {
            a.shift_remove("kubectl.kubernetes.io/last-applied-configuration");
            if a.is_empty() {
                meta.shift_remove("annotations");
            }
        }
    }
    out
}

/// True for the kinds CMF manages (what a baseline read from CMF can hold).
fn cmf_manages(kind: Kind) -> bool {
    APPLY_ORDER.contains(&kind)
}

/// The changed fields, secret values shown as [`PLACEHOLDER`] (a changed secret still
/// shows as a change): the review's output goes to terminals, CI logs and the studio.
fn field_changes(before: &Resource, after: &Resource) -> Vec<FieldChange> {
    let (b, a) = (comparable(before.kind, &before.doc), comparable(after.kind, &after.doc));
    let mut changes = fields(&b, &a);
    let (hidden_b, hidden_a) = (redacted(&b, PLACEHOLDER), redacted(&a, PLACEHOLDER));
    if hidden_b.is_none() && hidden_a.is_none() {
        return changes;
    }
    let shown_b = hidden_b.map_or(b, |(doc, _)| doc);
    let shown_a = hidden_a.map_or(a, |(doc, _)| doc);
    for c in &mut changes {
        if c.before.is_some() {
            c.before = shown_b.pointer(&c.path).cloned();
        }
        if c.after.is_some() {
            c.after = shown_a.pointer(&c.path).cloned();
        }
    }
    changes
}

/// Reviews the change from `baseline` (checked against `before`) to `design` (checked
/// against `after`).
pub fn review(baseline: &Baseline, before: Targets, design: &Design, after: Targets) -> Review {
    let bside = Side::new(&baseline.design, before, Some(&baseline.status));
    let aside = Side::new(design, after, None);
    let pairs = pairs::pair(&baseline.design, design);
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for p in &pairs {
        let (b, a) = (p.before.and_then(|id| bside.get(id)), p.after.and_then(|id| aside.get(id)));
        let (kind, fields, who) = match (b, a) {
            (Some(b), Some(a)) => {
                let f = field_changes(b, a);
                if f.is_empty() {
                    unchanged += 1;
                    continue;
                }
                (ChangeKind::Changed, f, a)
            }
            (None, Some(a)) if baseline.cmf_only() && !cmf_manages(a.kind) => continue,
            (None, Some(a)) => (ChangeKind::Added, Vec::new(), a),
            (Some(b), None) => (ChangeKind::Removed, Vec::new(), b),
            (None, None) => continue,
        };
        changes.push(ResourceChange {
            resource: who.reference(),
            change: kind,
            after: p.after,
            before: p.before,
            fields,
            verdict: None,
        });
    }
    let changed: BTreeSet<ResourceId> = changes.iter().filter_map(|c| c.after).collect();
    let cx = Cx { before: &bside, after: &aside, changed: &changed };
    let mut findings = Vec::new();
    for c in &mut changes {
        let bf = c.before.and_then(|id| bside.get(id)).and_then(|r| bside.facts(r));
        let af = c.after.and_then(|id| aside.get(id)).and_then(|r| aside.facts(r));
        c.verdict = judge::judge(&cx, bf.as_ref(), af.as_ref());
        if let Some(v) = &c.verdict {
            let owner = c
                .after
                .and_then(|id| aside.get(id))
                .or_else(|| c.before.and_then(|id| bside.get(id)));
            if let Some(owner) = owner {
                findings.extend(rules::judge(owner, v, &aside.targets));
            }
        }
    }
    finding::sort(&mut findings);
    let count = |k: ChangeKind| changes.iter().filter(|c| c.change == k).count();
    let verdicts = || changes.iter().filter_map(|c| c.verdict.as_ref());
    let summary = ReviewSummary {
        added: count(ChangeKind::Added),
        removed: count(ChangeKind::Removed),
        changed: count(ChangeKind::Changed),
        unchanged,
        refused: verdicts().filter(|v| matches!(v.action, Action::Refuse | Action::Reject)).count(),
        state_at_risk: verdicts()
            .filter(|v| v.loses_state() && !matches!(v.action, Action::Deploy))
            .count(),
    };
    Review { baseline: baseline.label.clone(), changes, findings, summary }
}

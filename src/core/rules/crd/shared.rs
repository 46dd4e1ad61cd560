//! Which documents the CRD schema rules check, and against which schema.

use serde_json::Value;

use crate::core::cluster::emr;
use crate::core::finding::Severity;
use crate::core::flink::quantity;
use crate::core::model::{FKO_API, Form, Kind, Resource};
use crate::core::pointer;
use crate::core::rules::Context;
use crate::core::schema::{self, Issue, IssueKind};

/// Fields of a CMF / CFK `FlinkApplication` spec that are not part of the FlinkDeployment
/// spec: CFK's environment and REST class references, and CMF's periodic savepoint
/// schedule (CMF ≥ 2.4: "May additionally include a top-level savepointSchedule"; the
/// rules of `core::schedule` and CMF-VER-002 judge it).
const CFK_APPLICATION_FIELDS: &[&str] =
    &["flinkEnvironment", "cmfRestClassRef", "savepointSchedule"];

/// A schema violation in a resource.
pub struct Found<'c> {
    /// The resource.
    pub owner: &'c Resource,
    /// The violation.
    pub issue: Issue,
}

/// A spec checked against a CRD schema.
pub struct Target<'c> {
    /// The resource.
    pub owner: &'c Resource,
    /// The schema of the spec.
    pub schema: &'static Value,
    /// Pointer of the spec in the owner's document.
    pub base: String,
    /// The spec.
    pub value: &'c Value,
    /// Top-level fields that belong to another API (CFK) and are not reported as unknown.
    pub skip: &'static [&'static str],
    /// Pointer of the FlinkDeployment spec inside `value` (`/template/spec` for blue/green).
    pub deployment_spec: Option<&'static str>,
}

/// Every FKO CR spec against its CRD, and every CMF application spec, compute-pool
/// `clusterSpec` and environment default fragment against the FlinkDeployment spec schema
/// (CMF turns them into FlinkDeployments).
pub fn targets_of(r: &Resource) -> Vec<Target<'_>> {
    let mut out = Vec::new();
    let fd = schema::spec_schema(Kind::FlinkDeployment);
    {
        let mut add = |schema: Option<&'static Value>, tokens: &[&str], skip, dep| {
            if let (Some(schema), Some(value)) = (schema, r.spec_get(tokens)) {
                let base = r.spec_field(tokens);
                out.push(Target { owner: r, schema, base, value, skip, deployment_spec: dep });
            }
        };
        match r.kind {
            Kind::FlinkDeployment => add(fd, &[], &[], Some("")),
            Kind::FlinkBlueGreenDeployment => {
                add(schema::spec_schema(r.kind), &[], &[], Some("/template/spec"))
            }
            Kind::FlinkSessionJob | Kind::FlinkStateSnapshot => {
                add(schema::spec_schema(r.kind), &[], &[], None)
            }
            Kind::Application => add(fd, &[], CFK_APPLICATION_FIELDS, Some("")),
            // `flink.apache.org/v1beta1` has no FlinkApplication (EXP-002 reports the kind);
            // its spec is meant as a FlinkDeployment spec, so check it as one.
            Kind::Unknown if r.api_version() == FKO_API && r.kind_str() == "FlinkApplication" => {
                add(fd, &[], &[], Some(""));
            }
            Kind::ComputePool => add(fd, &["clusterSpec"], &[], Some("")),
            Kind::Environment => {
                add(fd, &["flinkApplicationDefaults", "spec"], CFK_APPLICATION_FIELDS, Some(""));
                add(fd, &["computePoolDefaults", "clusterSpec"], &[], Some(""));
            }
            _ => {}
        }
    }
    out
}

/// Every schema violation of the design.
/// Walked as subjects (`Context::subjects`): one resource's violations at a time.
pub fn issues<'s, 'c>(cx: &'s Context<'c>) -> impl Iterator<Item = Found<'c>> + 's {
    cx.subjects().flat_map(move |r| issues_of(cx, r))
}

/// The schema violations of one resource (computed once per context: four rules report
/// on them).
pub fn issues_of<'c>(cx: &Context<'c>, r: &'c Resource) -> Vec<Found<'c>> {
    let found = cx.memo("crd-issues", r, || {
        violations(r).into_iter().map(|f| f.issue).collect::<Vec<Issue>>()
    });
    found.iter().map(|issue| Found { owner: r, issue: issue.clone() }).collect()
}

fn violations(r: &Resource) -> Vec<Found<'_>> {
    let mut out = Vec::new();
    for t in targets_of(r) {
        for issue in schema::check(t.schema, t.value, &t.base) {
            let extra = matches!(issue.kind, IssueKind::Unknown { .. })
                && (t.skip.iter().any(|f| issue.pointer == pointer::push(&t.base, f))
                    || emr::is_emr_field(t.owner, &issue.pointer));
            if !extra {
                out.push(Found { owner: t.owner, issue });
            }
        }
        if t.owner.form == crate::core::model::Form::FkoCr && t.base == "/spec" {
            top_level(t.owner, &mut out);
        }
    }
    out
}

/// Top-level fields of an FKO CR other than apiVersion, kind, metadata, spec and status.
fn top_level<'c>(r: &'c Resource, out: &mut Vec<Found<'c>>) {
    let Some(m) = r.doc.as_object() else { return };
    for (k, v) in m {
        if !matches!(k.as_str(), "apiVersion" | "kind" | "metadata" | "spec" | "status") {
            let suggestion = schema::spec_schema(r.kind)
                .and_then(|s| s.get("properties"))
                .and_then(|p| p.get(k))
                .map(|_| format!("spec.{k}"));
            let issue = Issue {
                pointer: pointer::push("", k),
                kind: IssueKind::Unknown { suggestion },
                value: v.clone(),
            };
            out.push(Found { owner: r, issue });
        }
    }
}

/// True when the API server checks `owner` against the very CRD its violations were
/// found with: a Flink Kubernetes Operator CR (kubectl applies with strict field
/// validation), so a type mismatch or an unknown field is rejected. A CMF REST payload or
/// a CFK CR is not: CMF builds the FlinkDeployment from it (converting what it maps and
/// dropping what it does not), so the same violation is very likely wrong but not
/// certainly rejected (domain.md §3.2).
pub fn checked_by_the_crd(owner: &Resource) -> bool {
    owner.form == Form::FkoCr || owner.api_version() == FKO_API
}

/// Severity of a type or unknown-field violation of `owner` (see [`checked_by_the_crd`]),
/// and the words that say why when it is only a warning.
pub fn certainty(owner: &Resource) -> (Severity, &'static str) {
    if checked_by_the_crd(owner) {
        (Severity::Error, "")
    } else {
        (
            Severity::Warning,
            " (CMF builds the FlinkDeployment from this spec; the operator's CRD expects otherwise)",
        )
    }
}

/// True when a pointer ends with the given tokens.
pub fn ends_with(pointer: &str, tokens: &[&str]) -> bool {
    let suffix: String = tokens.iter().fold(String::new(), |acc, t| pointer::push(&acc, t));
    pointer.ends_with(&suffix)
}

/// Short text of a JSON value for messages.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Object(_) => "an object".into(),
        Value::Array(_) => "a list".into(),
        other => other.to_string(),
    }
}

/// Fix hint for a cpu written as a Kubernetes quantity (`"1500m"` → `1.5`).
pub fn quantity_hint(v: &Value) -> String {
    match v.as_str().and_then(quantity::kubernetes) {
        Some(c) => format!("write cpu: {c}"),
        None => "write cpu as a number of cores, e.g. 0.5".into(),
    }
}

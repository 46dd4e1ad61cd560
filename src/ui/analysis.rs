//! Pure derivations from the design for the UI: findings, configurations, exports, the
//! canvas's node and edge lists, and placement of newly added resources.
//!
//! Nothing here touches the browser; the UI wraps each function in a `Memo`.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::core::design::{Design, Point};
use crate::core::export::{self, ExportOptions};
use crate::core::finding::{self, Finding, Severity};
use crate::core::graph::Graph;
use crate::core::layout::{self, Rect};
use crate::core::model::{Kind, ResourceId};
use crate::core::review::{Action, Baseline, ChangeKind, Fate, Review};
use crate::core::rules;
use crate::core::targets::Targets;

/// One text to import, as pasted, dropped or opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// File name (or a label such as `pasted-1.yaml`).
    pub name: String,
    /// The text, exactly as written.
    pub text: String,
}

impl SourceFile {
    /// A file named `name` holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self { name: name.into(), text: text.into() }
    }
}

/// A node's mark in a change review: added or changed, and its verdict in two words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewMark {
    /// `added` or `changed`.
    pub change: &'static str,
    /// The verdict's action and state (`redeploy · lost`), or `no job affected`.
    pub label: String,
    /// The state's class: `lost`, `at-risk`, `replaced`, `refused`, `kept`, `none`.
    pub tone: &'static str,
}

/// The review of `design` against `baseline`, each checked against its own targets.
pub fn review(baseline: &Baseline, design: &Design) -> Review {
    let after = targets(design);
    let before = baseline.targets(Default::default(), after);
    crate::core::review::review(baseline, before, design, after)
}

fn word<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The canvas marks of a review (removed resources have no node: the panel lists them).
pub fn review_marks(review: &Review) -> HashMap<ResourceId, ReviewMark> {
    review
        .changes
        .iter()
        .filter_map(|c| {
            let id = c.after?;
            let change = if c.change == ChangeKind::Added { "added" } else { "changed" };
            let (label, tone) = match &c.verdict {
                None => ("no job affected".to_string(), "none"),
                Some(v) => {
                    let tone = match (v.action, v.state) {
                        (Action::Refuse | Action::Reject, _) => "refused",
                        (_, Fate::Lost) => "lost",
                        (_, Fate::AtRisk | Fate::Unknown) => "at-risk",
                        (_, Fate::Replaced) => "replaced",
                        (_, Fate::Savepoint | Fate::LastCheckpoint | Fate::Untouched) => "kept",
                        (_, Fate::None) => "none",
                    };
                    (format!("{} · {}", word(v.action), word(v.state)), tone)
                }
            };
            Some((id, ReviewMark { change, label, tone }))
        })
        .collect()
}

/// The targets (operator versions) the design is checked against.
pub fn targets(design: &Design) -> Targets {
    Targets::of(design, design.targets)
}

/// Import diagnostics and rule findings together, sorted by file and line.
pub fn validate(design: &Design, import_findings: &[Finding]) -> Vec<Finding> {
    with_import_findings(&rules::validate(design, targets(design)), import_findings)
}

/// Rule findings and import diagnostics together, sorted by file and line.
pub fn with_import_findings(rules: &[Finding], import_findings: &[Finding]) -> Vec<Finding> {
    let mut all = import_findings.to_vec();
    all.extend_from_slice(rules);
    finding::sort(&mut all);
    all
}

/// A copy of the design holding only `ids` (all of it when `ids` is empty).
pub fn subset(design: &Design, ids: &HashSet<ResourceId>) -> Design {
    let mut out = design.clone();
    if !ids.is_empty() {
        out.resources.retain(|r| ids.contains(&r.id));
        out.layout.retain(|id, _| ids.contains(id));
    }
    out
}

/// kubectl YAML of the design (or of `only`, when not empty).
pub fn kubectl(design: &Design, only: &HashSet<ResourceId>, secrets: bool) -> String {
    let options = ExportOptions { include_secrets: secrets };
    export::kubectl(&subset(design, only), options)
}

/// CMF REST payloads of the design (or of `only`), as one JSON document per object.
pub fn cmf_json(design: &Design, only: &HashSet<ResourceId>, secrets: bool) -> String {
    let options = ExportOptions { include_secrets: secrets };
    export::cmf(&subset(design, only), options)
        .iter()
        .map(|f| {
            let path = f.collection_path().unwrap_or_else(|| f.name.clone());
            format!("// POST {path}\n{}\n", f.content.trim_end())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first `lines` lines of `text`, and how many more there are (if any).
pub fn preview(text: &str, lines: usize) -> (String, Option<usize>) {
    match text.match_indices('\n').nth(lines.saturating_sub(1)) {
        Some((end, _)) if end + 1 < text.len() => {
            let more = text[end + 1..].lines().count();
            (text[..=end].to_string(), Some(more))
        }
        _ => (text.to_string(), None),
    }
}

/// Finding count and worst severity per resource.
pub fn badges(findings: &[Finding]) -> HashMap<ResourceId, (usize, Severity)> {
    let mut out: HashMap<ResourceId, (usize, Severity)> = HashMap::new();
    for f in findings {
        if let Some(id) = f.resource_id {
            let e = out.entry(id).or_insert((0, f.severity));
            e.0 += 1;
            e.1 = e.1.max(f.severity);
        }
    }
    out
}

/// A node as the canvas draws it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NodeBase {
    /// Resource id.
    pub id: ResourceId,
    /// Concept.
    pub kind: Kind,
    /// `kind` as written (or inferred).
    pub kind_label: String,
    /// Name (may be empty).
    pub name: String,
    /// Number of findings on it.
    pub findings: usize,
    /// Worst severity among them.
    pub worst: Option<Severity>,
}

/// Every node of the design with its badge (namespaces are frames, not nodes).
pub fn nodes(design: &Design, badges: &HashMap<ResourceId, (usize, Severity)>) -> Vec<NodeBase> {
    design
        .resources
        .iter()
        .filter(|r| !layout::is_frame(r.kind))
        .map(|r| {
            let badge = badges.get(&r.id);
            NodeBase {
                id: r.id,
                kind: r.kind,
                kind_label: r.kind_str().to_string(),
                name: r.name().to_string(),
                findings: badge.map_or(0, |b| b.0),
                worst: badge.map(|b| b.1),
            }
        })
        .collect()
}

/// An edge as the canvas draws it: resolved (`to` set) or dangling (`missing` names the
/// target that does not exist).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EdgeBase {
    /// The referencing resource.
    pub from: ResourceId,
    /// The referenced resource, when it exists.
    pub to: Option<ResourceId>,
    /// The referencing field (JSON Pointer, shortened for display).
    pub label: String,
    /// Name of the missing target of a dangling reference.
    pub missing: String,
}

/// Edges of the graph, then its dangling references.
pub fn edges(graph: &Graph) -> Vec<EdgeBase> {
    use petgraph::visit::{EdgeRef, IntoEdgeReferences};
    let g = &graph.graph;
    let mut out: Vec<EdgeBase> = g
        .edge_references()
        .map(|e| EdgeBase {
            from: g[e.source()],
            to: Some(g[e.target()]),
            label: layout::label_text(e.weight().kind, &e.weight().field),
            missing: String::new(),
        })
        .collect();
    out.extend(graph.dangling.iter().map(|d| EdgeBase {
        from: d.from,
        to: None,
        label: layout::label_text(d.reference.edge, &d.reference.field),
        missing: d.reference.name.clone(),
    }));
    out
}

/// Positions for resources that have none: laid out among themselves, then placed below
/// everything already placed (or at `at`, when given).
pub fn place_new(
    design: &Design,
    new: &HashSet<ResourceId>,
    at: Option<Point>,
) -> Vec<(ResourceId, Point)> {
    let only = subset(design, new);
    let graph = Graph::build(&only);
    let auto = layout::auto(&only, &graph);
    let existing: HashMap<ResourceId, Point> =
        design.layout.iter().filter(|(id, _)| !new.contains(id)).map(|(k, v)| (*k, *v)).collect();
    let origin = at.unwrap_or_else(|| {
        let frames = layout::frames(design, &existing);
        layout::bounds(&existing, &frames)
            .map_or(Point { x: 0.0, y: 0.0 }, |b: Rect| Point { x: b.x, y: b.bottom() + 120.0 })
    });
    let min = Rect::around(auto.values().map(|p| Rect::node(*p)));
    let (dx, dy) = min.map_or((0.0, 0.0), |m| (origin.x - m.x, origin.y - m.y));
    let mut out: Vec<(ResourceId, Point)> =
        auto.into_iter().map(|(id, p)| (id, Point { x: p.x + dx, y: p.y + dy })).collect();
    crate::core::sort::sort_by_key(&mut out, |(id, _)| *id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate;

    #[test]
    fn new_resources_are_placed_below_the_existing_ones() {
        let mut d = generate::design(30);
        let g = Graph::build(&d);
        d.layout = layout::auto(&d, &g).into_iter().collect();
        let bottom = d.layout.values().map(|p| p.y).fold(f64::MIN, f64::max);
        let id = d.add(
            serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}),
        );
        let placed = place_new(&d, &HashSet::from([id]), None);
        assert_eq!(placed.len(), 1);
        assert!(placed[0].1.y > bottom, "{placed:?} not below {bottom}");
    }

    #[test]
    fn a_long_export_is_previewed_by_its_head_and_counts_the_rest() {
        assert_eq!(preview("a\nb\nc\n", 5), ("a\nb\nc\n".to_string(), None));
        assert_eq!(preview("a\nb\nc\n", 3), ("a\nb\nc\n".to_string(), None));
        assert_eq!(preview("a\nb\nc\nd", 2), ("a\nb\n".to_string(), Some(2)));
        assert_eq!(preview("a\nb\nc\nd\n", 3), ("a\nb\nc\n".to_string(), Some(1)));
    }

    #[test]
    fn badges_count_and_keep_the_worst() {
        let d = generate::design(30);
        let mut f = validate(&d, &[]);
        let id = d.resources[3].id;
        for sev in [Severity::Info, Severity::Error, Severity::Warning] {
            let mut x = f[0].clone();
            x.resource_id = Some(id);
            x.severity = sev;
            f.push(x);
        }
        let b = badges(&f);
        assert!(b[&id].0 >= 3);
        assert_eq!(b[&id].1, Severity::Error);
    }
}

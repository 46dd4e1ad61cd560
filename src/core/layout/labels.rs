//! Edge labels: the word written on an edge, and where it goes — beside its edge, on no
//! node, stub, frame title or other label.

use super::Rect;
use super::text::{self, Weight};
use crate::core::graph::EdgeKind;

/// Font size of edge labels.
pub const LABEL_SIZE: f64 = 10.0;
/// Height of a label's box.
pub const LABEL_HEIGHT: f64 = 13.0;
/// Horizontal padding inside a label's box (each side).
const LABEL_PAD: f64 = 3.0;
/// Gap between an edge's line and its label.
const OFFSET: f64 = 3.0;
/// Longest label text, in pixels.
const MAX_LABEL: f64 = 150.0;

/// The label of an edge: the field that makes the reference, shortened to the word a
/// reader knows (`serviceAccount`, `roleRef`, `persistentVolumeClaim`, a configuration
/// key), or what an implied link means (`reconciles`, `manages`).
pub fn label_text(kind: EdgeKind, field: &str) -> String {
    let tokens: Vec<&str> = field
        .split('/')
        .filter(|t| !t.is_empty() && *t != "spec" && t.parse::<usize>().is_err())
        .collect();
    let Some(&last) = tokens.last() else {
        return match kind {
            EdgeKind::Catalog => "catalog",
            EdgeKind::Reconciles => "reconciles",
            EdgeKind::Manages => "manages",
            _ => "environment",
        }
        .into();
    };
    let word = match last {
        "name" | "claimName" | "secretName" if tokens.len() > 1 => tokens[tokens.len() - 2],
        w => w,
    };
    // A configuration key: its last two parts are what a reader recognises.
    let parts: Vec<&str> = word.split('.').collect();
    let word = if parts.len() > 2 { parts[parts.len() - 2..].join(".") } else { word.to_string() };
    text::fit(&word.replace("~1", "/").replace("~0", "~"), LABEL_SIZE, Weight::Regular, MAX_LABEL).0
}

/// Size of a label's box.
pub fn label_size(text: &str) -> (f64, f64) {
    (text::width(text, LABEL_SIZE, Weight::Regular) + 2.0 * LABEL_PAD, LABEL_HEIGHT)
}

/// Where a label of `size` may go along a route: beside each segment (long ones first,
/// preferring the middle of the route), centred, then towards either end.
pub fn candidates(route: &[(f64, f64)], size: (f64, f64)) -> Vec<Rect> {
    let (w, h) = size;
    type Segment = (usize, (f64, f64), (f64, f64));
    let mut segments: Vec<Segment> =
        route.windows(2).enumerate().map(|(k, s)| (k, s[0], s[1])).collect();
    let middle = segments.len() as f64 / 2.0;
    let length = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() + (a.1 - b.1).abs();
    segments.sort_by(|x, y| {
        let score = |s: &Segment| length(s.1, s.2) - 12.0 * ((s.0 as f64 + 0.5) - middle).abs();
        score(y).total_cmp(&score(x))
    });
    let mut out = Vec::new();
    for (_, a, b) in segments {
        let horizontal = (a.1 - b.1).abs() < 1e-6;
        let len = length(a, b);
        let room = if horizontal { w + 8.0 } else { h + 8.0 };
        if len < room {
            continue;
        }
        for t in [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9] {
            let (cx, cy) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            let along = if horizontal { w / 2.0 } else { h / 2.0 };
            // Keep the box within the segment.
            let (lo, hi) = if horizontal {
                (a.0.min(b.0), a.0.max(b.0))
            } else {
                (a.1.min(b.1), a.1.max(b.1))
            };
            let c = if horizontal { cx } else { cy };
            if c - along < lo - 1e-6 || c + along > hi + 1e-6 {
                continue;
            }
            if horizontal {
                out.push(Rect { x: cx - w / 2.0, y: cy - OFFSET - h, width: w, height: h });
                out.push(Rect { x: cx - w / 2.0, y: cy + OFFSET, width: w, height: h });
            } else {
                out.push(Rect { x: cx + OFFSET, y: cy - h / 2.0, width: w, height: h });
                out.push(Rect { x: cx - OFFSET - w, y: cy - h / 2.0, width: w, height: h });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_field_a_reader_knows() {
        let l = |k, f: &str| label_text(k, f);
        assert_eq!(l(EdgeKind::ServiceAccount, "/spec/serviceAccount"), "serviceAccount");
        assert_eq!(l(EdgeKind::RoleRef, "/roleRef/name"), "roleRef");
        assert_eq!(l(EdgeKind::Subject, "/subjects/0/name"), "subjects");
        assert_eq!(
            l(EdgeKind::Volume, "/spec/podTemplate/spec/volumes/0/persistentVolumeClaim/claimName"),
            "persistentVolumeClaim"
        );
        assert_eq!(l(EdgeKind::Watches, "/spec/watchNamespaces/1"), "watchNamespaces");
        assert_eq!(
            l(EdgeKind::Storage, "/spec/flinkConfiguration/execution.checkpointing.dir"),
            "checkpointing.dir"
        );
        assert_eq!(l(EdgeKind::Environment, ""), "environment");
        assert_eq!(l(EdgeKind::Catalog, ""), "catalog");
        assert_eq!(l(EdgeKind::Reconciles, ""), "reconciles");
    }

    #[test]
    fn candidates_sit_beside_the_route_and_within_its_segments() {
        let route = [(0.0, 200.0), (0.0, 100.0), (300.0, 100.0), (300.0, 0.0)];
        let size = label_size("serviceAccount");
        let all = candidates(&route, size);
        assert!(!all.is_empty());
        // The longest segment (the horizontal one) comes first, its label above the line.
        let first = all[0];
        assert!((first.bottom() - (100.0 - OFFSET)).abs() < 1e-9, "{first:?}");
        assert!(first.x >= 0.0 && first.right() <= 300.0);
        for r in &all {
            assert_eq!((r.width, r.height), size);
        }
    }
}

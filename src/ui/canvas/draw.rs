//! Drawing of nodes and edges (one SVG group each), and the overview paths used when too
//! many nodes are in view.

use leptos::prelude::*;

use super::cull::{EdgeItem, NodeItem, Overview};
use super::family::Family;
use crate::core::layout::{NODE_HEIGHT, NODE_WIDTH};
use crate::ui::state::AppState;
use crate::ui::viewport::DragOffset;

/// Longest text drawn on a node before it is cut with an ellipsis.
const MAX_CHARS: usize = 24;

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_CHARS {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX_CHARS - 1).collect::<String>())
    }
}

/// One node.
pub fn node(state: AppState, item: NodeItem) -> impl IntoView {
    let NodeItem { base, x, y, detail } = item;
    let id = base.id;
    let family = Family::of(base.kind);
    let offset = Memo::new(move |_| state.drag.with(|d| DragOffset::of(d, id)));
    let transform = move || {
        let (dx, dy) = offset.get();
        format!("translate({},{})", x as f64 + dx, y as f64 + dy)
    };
    let selected = move || state.selection.with(|s| s.contains(&id));
    // Change review (ui::review): a class per change kind and the verdict under the node.
    let mark = Memo::new(move |_| state.review_marks.with(|m| m.get(&id).cloned()));
    let marked = move |change: &str| mark.with(|m| m.as_ref().is_some_and(|m| m.change == change));
    let review_badge = move || {
        mark.get().map(|m| {
            let width = 8.0 + 6.5 * m.label.chars().count() as f64;
            view! {
                <g class=format!("review-badge tone-{}", m.tone) transform=format!("translate(0,{})", NODE_HEIGHT + 4.0)>
                    <rect width=width height="18" rx="9"></rect>
                    <text x="8" y="13" data-testid="review-badge">{m.label}</text>
                </g>
            }
        })
    };
    let sev = base.worst.map_or("none", |s| s.as_str());
    let class = format!("node fam-{} sev-{sev}", family.class());
    let title = format!("{} {}", base.kind_label, base.name);
    let badge = (base.findings > 0).then(|| {
        view! {
            <g class=format!("badge-dot {sev}") transform=format!("translate({},0)", NODE_WIDTH - 6.0)>
                <circle r="11"></circle>
                <text class="badge-text" text-anchor="middle" dy="4" data-testid="node-badge">
                    {base.findings.to_string()}
                </text>
            </g>
        }
    });
    let body = if detail {
        view! {
            <path class="node-icon" d=family.icon() transform="translate(12,22)"></path>
            <text class="node-kind" x="42" y="26" data-testid="node-kind">{clip(&base.kind_label)}</text>
            <text class="node-name" x="42" y="46" data-testid="node-name">{clip(&base.name)}</text>
            {badge}
            {review_badge}
            <circle class="port" cx=NODE_WIDTH / 2.0 cy="0" r="7" data-testid="port"></circle>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <g
            class=class
            class:selected=selected
            class:review-added=move || marked("added")
            class:review-changed=move || marked("changed")
            data-review=move || mark.with(|m| m.as_ref().map_or("", |m| m.change))
            data-verdict=move || mark.with(|m| m.as_ref().map(|m| m.label.clone()).unwrap_or_default())
            transform=transform
            data-testid="node"
            data-id=id.0.to_string()
            data-name=base.name.clone()
            data-kind=base.kind_label.clone()
            data-findings=base.findings.to_string()
            data-severity=sev
        >
            <title>{title}</title>
            <rect class="node-shape" width=NODE_WIDTH height=NODE_HEIGHT rx=family.radius()></rect>
            {body}
        </g>
    }
}

/// One edge: a curve from the referencing node up to the referenced one, labelled with
/// the field; a dangling reference ends in a dashed ghost stub naming the missing target.
pub fn edge(state: AppState, item: EdgeItem) -> impl IntoView {
    let EdgeItem { base, from, to, detail } = item;
    let (src, dst) = (base.from, base.to);
    let offset = Memo::new(move |_| {
        state.drag.with(|d| {
            let a = DragOffset::of(d, src);
            let b = dst.map_or(a, |t| DragOffset::of(d, t));
            (a, b)
        })
    });
    let geometry = move || {
        let ((ax, ay), (bx, by)) = offset.get();
        let (x1, y1) = (from.0 as f64 + ax, from.1 as f64 + ay);
        let (x2, y2) = (to.0 as f64 + bx, to.1 as f64 + by);
        (x1, y1, x2, y2)
    };
    let d = move || {
        let (x1, y1, x2, y2) = geometry();
        let bend = ((y1 - y2).abs() / 2.0).max(24.0);
        format!("M{x1} {y1} C{x1} {} {x2} {} {x2} {y2}", y1 - bend, y2 + bend)
    };
    let mid = move || {
        let (x1, y1, x2, y2) = geometry();
        format!("translate({},{})", (x1 + x2) / 2.0, (y1 + y2) / 2.0)
    };
    let dangling = dst.is_none();
    let ghost = dangling.then(|| {
        let name = clip(&base.missing);
        let at = move || {
            let (_, _, x2, y2) = geometry();
            format!("translate({},{})", x2 - 10.0, y2 - 26.0)
        };
        view! {
            <g class="ghost" transform=at data-testid="ghost">
                <rect width="140" height="26" rx="4"></rect>
                <text x="70" y="17" text-anchor="middle" data-testid="ghost-name">{format!("missing: {name}")}</text>
            </g>
        }
    });
    let label = detail.then(|| {
        view! {
            <g class="edge-label" transform=mid>
                <text text-anchor="middle" dy="-3" data-testid="edge-label">{base.label.clone()}</text>
            </g>
        }
    });
    view! {
        <g
            class="edge"
            class:dangling=dangling
            data-testid=if dangling { "edge-dangling" } else { "edge" }
            data-field=base.label.clone()
            data-from=src.0.to_string()
            data-to=dst.map(|t| t.0.to_string()).unwrap_or_default()
        >
            <path d=d marker-end=if dangling { "url(#arrow-broken)" } else { "url(#arrow)" }></path>
            {ghost}
            {label}
        </g>
    }
}

/// Overview drawing: one path per family for the nodes, one for the edges.
pub fn overview(o: &Overview) -> impl IntoView + use<> {
    let shapes = o.shapes.clone();
    view! {
        <g class="overview" data-testid="overview" data-nodes=o.nodes.to_string()>
            <path class="edge-lines" d=o.lines.clone()></path>
            <path class="edge-lines dangling" d=o.broken.clone()></path>
            {shapes
                .into_iter()
                .map(|(f, d)| view! { <path class=format!("node-shape fam-{}", f.class()) d=d></path> })
                .collect_view()}
        </g>
    }
}

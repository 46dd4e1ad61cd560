//! Drawing of frames, nodes, edges and stubs (one SVG group each) from the core's scene,
//! and the overview paths used when too many nodes are in view.

use leptos::prelude::*;

use super::cull::{Area, EdgeItem, FrameItem, NodeItem, Overview, StubItem};
use super::family::Family;
use crate::core::diagram::{arrow_head, route_path};
use crate::core::layout::node::node_text;
use crate::core::layout::text::{self, Weight};
use crate::core::layout::{FRAME_HEADER, NODE_HEIGHT, NODE_WIDTH, TITLE_X, fit_frame_title};
use crate::ui::state::AppState;

/// One node: its shape, icon, fitted caption and name (whole in the tooltip), badge and
/// port; below the detail zoom only its name, large, when the node is big enough on screen.
pub fn node(state: AppState, item: NodeItem) -> impl IntoView {
    let NodeItem { base, x, y, detail, name_size } = item;
    let id = base.id;
    let family = Family::of(base.kind);
    let offset = Memo::new(move |_| state.drag_offset(id));
    let transform = move || {
        let (dx, dy) = offset.get();
        format!("translate({},{})", x as f64 + dx, y as f64 + dy)
    };
    let selected = move || state.selection.with(|s| s.contains(&id));
    let connect_key = use_context::<super::keys::KeyConnect>();
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
        let t = node_text(base.kind, &base.kind_label, &base.name);
        let names = t
            .name
            .iter()
            .map(|l| {
                view! {
                    <text class="node-name" x=l.x y=l.y font-size=l.size data-testid="node-name-line">{l.text.clone()}</text>
                }
            })
            .collect_view();
        view! {
            <path class="node-icon" d=family.icon() transform="translate(11,22)"></path>
            <text class="node-kind" x=t.caption.x y=t.caption.y data-testid="node-kind">{t.caption.text.clone()}</text>
            <g data-testid="node-name" data-cut=t.cut.to_string()>{names}</g>
            {badge}
            {review_badge}
            <circle class="port" cx=NODE_WIDTH / 2.0 cy="0" r="7" data-testid="port"></circle>
        }
        .into_any()
    } else if let Some(size) = name_size {
        let size = size as f64;
        let (name, _) = text::fit(&base.name, size, Weight::Bold, NODE_WIDTH - 16.0);
        view! {
            <text class="node-name coarse-name" x=NODE_WIDTH / 2.0 y=NODE_HEIGHT / 2.0 + size * 0.36
                font-size=size text-anchor="middle" data-testid="node-coarse-name">{name}</text>
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
            tabindex="0"
            role="button"
            aria-pressed=move || selected().to_string()
            on:keydown=move |e| {
                if !connect_key.is_some_and(|k| k.node_key(id, &e)) {
                    select_by_key(state, id, &e)
                }
            }
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

/// Enter or Space on a focused node or frame selects it (with Shift or Ctrl: toggles it in
/// the selection), as a click does.
fn select_by_key(
    state: AppState,
    id: crate::core::model::ResourceId,
    e: &leptos::ev::KeyboardEvent,
) {
    if !matches!(e.key().as_str(), "Enter" | " ") {
        return;
    }
    e.prevent_default();
    let add = e.shift_key() || e.ctrl_key() || e.meta_key();
    state.selection.update(|s| {
        if !add {
            s.clear();
            s.insert(id);
        } else if !s.remove(&id) {
            s.insert(id);
        }
    });
}

/// A namespace frame: the namespace itself (selected, inspected and connected through it),
/// titled with its name and how many resources it holds; below the detail zoom the title
/// grows to stay readable, cut to the frame's width so titles never overlap.
pub fn frame(
    state: AppState,
    item: FrameItem,
    drop_target: impl Fn(&str) -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let FrameItem { namespace, rect, title, resource, members, title_size } = item;
    let [x, y, w, h] = rect;
    let size = title_size as f64;
    let shown = if size > crate::core::layout::TITLE_SIZE {
        fit_frame_title(&namespace, members, size, w as f64 - 2.0 * TITLE_X)
    } else {
        title.clone()
    };
    let offset = Memo::new(move |_| resource.map_or((0.0, 0.0), |id| state.scene_offset(id)));
    let transform = move || {
        let (dx, dy) = offset.get();
        format!("translate({dx},{dy})")
    };
    let selected = move || resource.is_some_and(|id| state.selection.with(|s| s.contains(&id)));
    let ns = namespace.clone();
    let badge = resource.and_then(|id| {
        let worst = state.worst(id)?;
        Some(view! {
            <circle class=format!("frame-badge {}", worst.as_str()) cx=x as f64 + w as f64 - 14.0
                cy=y as f64 + FRAME_HEADER / 2.0 r="6" data-testid="frame-badge"></circle>
        })
    });
    let keyboard =
        resource.map(|id| move |e: leptos::ev::KeyboardEvent| select_by_key(state, id, &e));
    view! {
        <g class="frame" data-testid="frame" data-namespace=namespace.clone()
            tabindex=resource.map(|_| "0")
            role=resource.map(|_| "button")
            on:keydown=move |e| if let Some(k) = keyboard { k(e) }
            data-members=members.to_string()
            data-id=resource.map(|r| r.0.to_string()).unwrap_or_default()
            class:selected=selected
            class:modelled=resource.is_some()
            class:drop-target=move || drop_target(&ns)
            transform=transform>
            <title>{title.clone()}</title>
            <rect x=x y=y width=w height=h rx="10"></rect>
            <text class="frame-title" x=x as f64 + TITLE_X y=y as f64 + 8.0 + size * 0.82
                font-size=size data-testid="frame-title">{shown}</text>
            {badge}
        </g>
    }
}

/// One edge along its route, with its arrowhead and label; an edge to a missing target
/// ends at that target's stub. While one of its ends is dragged it is hidden (drawn
/// straight by [`dragged_lines`]).
pub fn edge(state: AppState, item: EdgeItem) -> impl IntoView {
    let EdgeItem { from, to, points, clipped, label, field, word, dangling, control } = item;
    let tooltip = field.clone();
    // While an end is dragged (and after a drop until the view is drawn again) the edge
    // is hidden and drawn straight with the others in `dragged_lines`.
    let moved = Memo::new(move |_| state.follows(from) || to.is_some_and(|t| state.follows(t)));
    let half = |p: &(i64, i64)| (p.0 as f64 / 2.0, p.1 as f64 / 2.0);
    // A route leaving the area is drawn only inside it (see `clip`), its dashes in phase.
    let (d, dash_offset) = match &clipped {
        Some((pieces, before)) => (
            pieces
                .iter()
                .map(|p| route_path(&p.iter().map(half).collect::<Vec<_>>(), 8.0))
                .collect::<String>(),
            Some(format!("{}", *before as f64 / 2.0)),
        ),
        None => (route_path(&points.iter().map(half).collect::<Vec<_>>(), 8.0), None),
    };
    let h = arrow_head(&points.iter().map(half).collect::<Vec<_>>());
    let label_view = label.map(|(text, r)| {
        view! {
            <g class="edge-label">
                <rect x=r[0] y=r[1] width=r[2] height=r[3] rx="2"></rect>
                <text x=r[0] as f64 + r[2] as f64 / 2.0 y=r[1] as f64 + r[3] as f64 - 3.0
                    text-anchor="middle" data-testid="edge-label">{text}</text>
            </g>
        }
    });
    view! {
        <g
            class="edge"
            class:moving=move || moved.get()
            class:dangling=dangling
            class:control=control
            data-testid=if dangling { "edge-dangling" } else { "edge" }
            data-field=word
            data-from=from.0.to_string()
            data-to=to.map(|t| t.0.to_string()).unwrap_or_default()
        >
            <title>{tooltip}</title>
            <path class="edge-line" d=d stroke-dashoffset=dash_offset></path>
            <path class="arrow-head" d=h></path>
            {label_view}
        </g>
    }
}

/// A missing target: one dashed box for every reference to it.
pub fn stub(item: StubItem) -> impl IntoView {
    let StubItem { rect, text, missing, refs } = item;
    let [x, y, w, h] = rect;
    view! {
        <g class="ghost" data-testid="stub" data-refs=refs.to_string()>
            <title>{format!("missing: {missing} ({refs} reference{})", if refs == 1 { "" } else { "s" })}</title>
            <rect x=x y=y width=w height=h rx="4"></rect>
            <text x=x as f64 + w as f64 / 2.0 y=y as f64 + h as f64 / 2.0 + 4.0 text-anchor="middle"
                data-testid="stub-name">{text}</text>
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

/// The straight lines, by kind of edge, of the edges whose ends are dragged.
#[derive(Debug, Clone, Default, PartialEq)]
struct Lines {
    /// Lines and arrowheads of plain references.
    plain: (String, String),
    /// The same for operator edges.
    control: (String, String),
    /// The same for edges to missing targets.
    dangling: (String, String),
}

/// The edges of `shown` with a dragged end, drawn straight between where their ends are
/// (inside the area): a few paths, so a move of the pointer changes three elements
/// whatever the number of edges (a busy operator has hundreds).
pub fn dragged_lines(
    state: AppState,
    shown: RwSignal<Vec<EdgeItem>>,
    area: Memo<Area>,
) -> impl IntoView {
    let lines = Memo::new(move |_| {
        let Some(ids) = state.dragged.get() else { return Lines::default() };
        let offset = |id: crate::core::model::ResourceId| state.scene_offset(id);
        let half = |p: &(i64, i64)| (p.0 as f64 / 2.0, p.1 as f64 / 2.0);
        let rect = area.get().rect();
        let mut out = Lines::default();
        shown.with(|edges| {
            for e in edges {
                if !ids.contains(&e.from) && !e.to.is_some_and(|t| ids.contains(&t)) {
                    continue;
                }
                let (Some(first), Some(last)) = (e.points.first(), e.points.last()) else {
                    continue;
                };
                let (a, b) = (offset(e.from), e.to.map_or((0.0, 0.0), offset));
                let (f, l) = (half(first), half(last));
                let (s, t) = ((f.0 + a.0, f.1 + a.1), (l.0 + b.0, l.1 + b.1));
                let kind = match (e.dangling, e.control) {
                    (true, _) => &mut out.dangling,
                    (_, true) => &mut out.control,
                    _ => &mut out.plain,
                };
                kind.0.push_str(&super::clip::straight(s, t, &rect));
                kind.1.push_str(&arrow_head(&[s, t]));
            }
        });
        out
    });
    let group = move |class: &'static str, pick: fn(&Lines) -> &(String, String)| {
        view! {
            <g class=class>
                <path class="edge-line" d=move || lines.with(|l| pick(l).0.clone())></path>
                <path class="arrow-head" d=move || lines.with(|l| pick(l).1.clone())></path>
            </g>
        }
    };
    view! {
        <g class="dragged-lines">
            {group("edge", |l| &l.plain)}
            {group("edge control", |l| &l.control)}
            {group("edge dangling", |l| &l.dangling)}
        </g>
    }
}

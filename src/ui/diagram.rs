//! The diagram as a standalone SVG file (light print theme, optional legend), for slides
//! and documents. Pure string building; every user text is XML-escaped.

use std::collections::HashMap;
use std::fmt::Write;

use super::analysis;
use super::canvas::family::Family;
use crate::core::design::{Design, Point};
use crate::core::graph::Graph;
use crate::core::layout::{self, Frame, NODE_HEIGHT, NODE_WIDTH, Rect};
use crate::core::model::ResourceId;

/// Escapes text for XML content and attributes.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const LEGEND_WIDTH: f64 = 260.0;

/// The SVG document of the design at `positions`.
pub fn svg(
    design: &Design,
    positions: &HashMap<ResourceId, Point>,
    frames: &[Frame],
    legend: bool,
) -> String {
    let b = layout::bounds(positions, frames).unwrap_or(Rect {
        x: 0.0,
        y: 0.0,
        width: 400.0,
        height: 200.0,
    });
    let margin = 40.0;
    let (x0, y0) = (b.x - margin, b.y - margin - 30.0);
    let w = b.width + 2.0 * margin + if legend { LEGEND_WIDTH } else { 0.0 };
    let h = (b.height + 2.0 * margin + 30.0).max(if legend {
        40.0 + 22.0 * Family::ALL.len() as f64
    } else {
        0.0
    });
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {w} {h}" width="{w}" height="{h}" font-family="Helvetica, Arial, sans-serif">"##
    );
    out.push_str(r##"<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#667"/></marker></defs>"##);
    let _ = write!(out, r##"<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="#ffffff"/>"##);
    for f in frames {
        let r = f.rect;
        let _ = write!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="#f7f9fc" stroke="#8a99ad" stroke-dasharray="6 4"/><text x="{}" y="{}" font-size="14" fill="#3d4b5e">namespace {}</text>"##,
            r.x,
            r.y,
            r.width,
            r.height,
            r.x + 14.0,
            r.y + 22.0,
            escape(&f.namespace)
        );
    }
    let graph = Graph::build(design);
    for e in analysis::edges(&graph) {
        let Some(from) = positions.get(&e.from) else { continue };
        let (x1, y1) = (from.x + NODE_WIDTH / 2.0, from.y);
        let (x2, y2, colour, dash) = match e.to.and_then(|t| positions.get(&t)) {
            Some(t) => (t.x + NODE_WIDTH / 2.0, t.y + NODE_HEIGHT, "#667", ""),
            None => (x1 + 50.0, y1 - 40.0, "#c62828", r#" stroke-dasharray="5 4""#),
        };
        let _ = write!(
            out,
            r##"<path d="M{x1} {y1} L{x2} {y2}" stroke="{colour}" fill="none" stroke-width="1.4"{dash} marker-end="url(#a)"/><text x="{}" y="{}" font-size="10" fill="#556" text-anchor="middle">{}</text>"##,
            (x1 + x2) / 2.0,
            (y1 + y2) / 2.0 - 3.0,
            escape(&e.label)
        );
        if e.to.is_none() {
            let _ = write!(
                out,
                r##"<rect x="{}" y="{}" width="140" height="24" rx="4" fill="#fff" stroke="#c62828" stroke-dasharray="4 3"/><text x="{}" y="{}" font-size="11" fill="#c62828" text-anchor="middle">missing: {}</text>"##,
                x2 - 10.0,
                y2 - 24.0,
                x2 + 60.0,
                y2 - 8.0,
                escape(&e.missing)
            );
        }
    }
    for r in &design.resources {
        let Some(p) = positions.get(&r.id) else { continue };
        let fam = Family::of(r.kind);
        let (fill, stroke) = fam.colours();
        let _ = write!(
            out,
            r##"<g transform="translate({},{})"><rect width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="{}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><path d="{}" transform="translate(12,22)" fill="none" stroke="{stroke}" stroke-width="1.5"/><text x="42" y="26" font-size="11" fill="{stroke}">{}</text><text x="42" y="46" font-size="14" fill="#1d2733">{}</text></g>"##,
            p.x,
            p.y,
            fam.radius(),
            fam.icon(),
            escape(r.kind_str()),
            escape(r.name())
        );
    }
    if legend {
        let lx = b.right() + margin;
        let _ = write!(
            out,
            r##"<text x="{lx}" y="{}" font-size="14" font-weight="bold" fill="#1d2733">Legend</text>"##,
            y0 + 30.0
        );
        for (i, fam) in Family::ALL.iter().enumerate() {
            let y = y0 + 44.0 + 22.0 * i as f64;
            let (fill, stroke) = fam.colours();
            let _ = write!(
                out,
                r##"<rect x="{lx}" y="{y}" width="28" height="16" rx="{}" fill="{fill}" stroke="{stroke}"/><text x="{}" y="{}" font-size="12" fill="#1d2733">{}</text>"##,
                (fam.radius() / 4.0).min(8.0),
                lx + 36.0,
                y + 12.0,
                fam.label()
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn user_text_is_escaped_and_legend_optional() {
        let mut d = Design::new();
        let id = d.add(json!({"apiVersion": "v1", "kind": "ConfigMap",
                              "metadata": {"name": "<img src=x onerror=alert(1)>", "namespace": "a&b"}}));
        let pos = HashMap::from([(id, Point { x: 0.0, y: 0.0 })]);
        let frames = layout::frames(&d, &pos);
        let with = svg(&d, &pos, &frames, true);
        assert!(with.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!with.contains("<img"));
        assert!(with.contains("namespace a&amp;b"));
        assert!(with.contains("Legend"));
        assert!(!svg(&d, &pos, &frames, false).contains("Legend"));
    }
}

//! The diagram as a standalone SVG file for documents and slides: the [`Scene`] of the
//! design in a light print theme, with a title, optional notes and an optional legend.
//!
//! Written to render the same in browsers, Inkscape and slide tools: every style is a
//! presentation attribute (no style sheet, no classes), text uses the web-safe font stack
//! the layout measured it with, arrowheads are drawn shapes rather than markers, label
//! halos are boxes rather than `paint-order`, and nothing refers outside the file. Every
//! user text is XML-escaped.

use std::fmt::Write;

use crate::core::layout::family::Family;
use crate::core::layout::node::TextLine;
use crate::core::layout::scene::{TITLE_BASELINE, TITLE_SIZE, TITLE_X, is_control};
use crate::core::layout::text::{self, FONT_FAMILY, Weight};
use crate::core::layout::{End, Rect, Scene};

/// What to put around the drawing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiagramOptions {
    /// Heading above the drawing (and the file's `<title>`).
    pub title: String,
    /// Paragraph under the heading (and the file's `<desc>`).
    pub notes: String,
    /// A legend of the kinds drawn, right of the drawing.
    pub legend: bool,
    /// Only this part of the drawing (the current view); everything when `None`.
    pub area: Option<Rect>,
}

/// Escapes text for XML content and attributes.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// SVG path data of a route with rounded corners (`radius`, smaller on short segments).
pub fn route_path(points: &[(f64, f64)], radius: f64) -> String {
    let mut d = String::new();
    let Some(first) = points.first() else { return d };
    let _ = write!(d, "M{} {}", r1(first.0), r1(first.1));
    for k in 1..points.len() {
        let p = points[k];
        if k + 1 == points.len() {
            let _ = write!(d, "L{} {}", r1(p.0), r1(p.1));
            break;
        }
        let (a, b) = (points[k - 1], points[k + 1]);
        let len = |u: (f64, f64), v: (f64, f64)| (u.0 - v.0).abs() + (u.1 - v.1).abs();
        let r = radius.min(len(a, p) / 2.0).min(len(p, b) / 2.0);
        let toward = |from: (f64, f64), to: (f64, f64), by: f64| {
            let l = len(from, to).max(1e-9);
            (from.0 + (to.0 - from.0) * by / l, from.1 + (to.1 - from.1) * by / l)
        };
        let (enter, leave) = (toward(p, a, r), toward(p, b, r));
        let _ = write!(
            d,
            "L{} {}Q{} {} {} {}",
            r1(enter.0),
            r1(enter.1),
            r1(p.0),
            r1(p.1),
            r1(leave.0),
            r1(leave.1)
        );
    }
    d
}

/// SVG path data of the arrowhead at the end of a route.
pub fn arrow_head(points: &[(f64, f64)]) -> String {
    let n = points.len();
    if n < 2 {
        return String::new();
    }
    let (a, b) = (points[n - 2], points[n - 1]);
    let l = (b.0 - a.0).hypot(b.1 - a.1).max(1e-9);
    let (ux, uy) = ((b.0 - a.0) / l, (b.1 - a.1) / l);
    let (len, half) = (8.0, 4.0);
    let base = (b.0 - ux * len, b.1 - uy * len);
    format!(
        "M{} {}L{} {}L{} {}Z",
        r1(b.0),
        r1(b.1),
        r1(base.0 - uy * half),
        r1(base.1 + ux * half),
        r1(base.0 + uy * half),
        r1(base.1 - ux * half)
    )
}

/// A coordinate rounded to a tenth of a pixel.
fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

const INK: &str = "#1d2733";
const MUTED: &str = "#556070";
const EDGE: &str = "#5f6b7a";
const MISSING: &str = "#c62828";
const CONTROL: &str = "#b52f5b";
const MARGIN: f64 = 32.0;
const LEGEND_WIDTH: f64 = 230.0;
const HEADING: f64 = 20.0;
const NOTE: f64 = 12.5;

/// The SVG document of `scene`.
pub fn svg(scene: &Scene, options: &DiagramOptions) -> String {
    let drawn = options.area.or_else(|| scene.bounds()).unwrap_or(Rect {
        x: 0.0,
        y: 0.0,
        width: 400.0,
        height: 200.0,
    });
    let families = families(scene);
    let legend_h = 30.0 + 22.0 * families.len() as f64;
    let width = drawn.width + 2.0 * MARGIN + if options.legend { LEGEND_WIDTH } else { 0.0 };
    let notes = wrap_notes(&options.notes, width - 2.0 * MARGIN);
    let head = if options.title.is_empty() { 0.0 } else { HEADING + 14.0 }
        + notes.len() as f64 * (NOTE + 6.0)
        + if notes.is_empty() { 0.0 } else { 8.0 };
    let height = (drawn.height + 2.0 * MARGIN + head).max(if options.legend {
        legend_h + 2.0 * MARGIN + head
    } else {
        0.0
    });
    let (x0, y0) = (drawn.x - MARGIN, drawn.y - MARGIN - head);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="{} {} {} {}" width="{}" height="{}" font-family="{}">"##,
        r1(x0),
        r1(y0),
        r1(width),
        r1(height),
        width.ceil(),
        height.ceil(),
        escape(FONT_FAMILY)
    );
    let title = if options.title.is_empty() { "Flink Studio diagram" } else { &options.title };
    let _ = write!(out, "<title>{}</title>", escape(title));
    if !options.notes.is_empty() {
        let _ = write!(out, "<desc>{}</desc>", escape(&options.notes));
    }
    let _ = write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff"/>"##,
        r1(x0),
        r1(y0),
        r1(width),
        r1(height)
    );
    let mut y = y0 + MARGIN;
    if !options.title.is_empty() {
        y += HEADING;
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="{HEADING}" font-weight="bold" fill="{INK}">{}</text>"##,
            r1(x0 + MARGIN),
            r1(y),
            escape(&options.title)
        );
        y += 14.0;
    }
    for line in &notes {
        y += NOTE + 2.0;
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="{NOTE}" fill="{MUTED}">{}</text>"##,
            r1(x0 + MARGIN),
            r1(y),
            escape(line)
        );
        y += 4.0;
    }
    if let Some(area) = options.area {
        let _ = write!(
            out,
            r##"<svg x="{}" y="{}" width="{}" height="{}" viewBox="{} {} {} {}" overflow="hidden">"##,
            r1(area.x),
            r1(area.y),
            r1(area.width),
            r1(area.height),
            r1(area.x),
            r1(area.y),
            r1(area.width),
            r1(area.height)
        );
    }
    draw(&mut out, scene);
    if options.area.is_some() {
        out.push_str("</svg>");
    }
    if options.legend {
        legend(&mut out, &families, drawn.right() + MARGIN + 8.0, drawn.y);
    }
    out.push_str("</svg>");
    out
}

fn draw(out: &mut String, scene: &Scene) {
    for f in &scene.frames {
        let r = f.frame.rect;
        let _ = write!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="#f6f8fb" stroke="#8a99ad" stroke-width="1.2" stroke-dasharray="6 4"/><text x="{}" y="{}" font-size="{TITLE_SIZE}" font-weight="bold" fill="#3d4b5e">{}</text>"##,
            r1(r.x),
            r1(r.y),
            r1(r.width),
            r1(r.height),
            r1(r.x + TITLE_X),
            r1(r.y + TITLE_BASELINE),
            escape(&f.title)
        );
    }
    for s in &scene.stubs {
        let r = s.rect;
        let _ = write!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="#fff5f5" stroke="{MISSING}" stroke-dasharray="4 3"/><text x="{}" y="{}" font-size="11" fill="{MISSING}" text-anchor="middle">{}</text>"##,
            r1(r.x),
            r1(r.y),
            r1(r.width),
            r1(r.height),
            r1(r.x + r.width / 2.0),
            r1(r.y + r.height / 2.0 + 4.0),
            escape(&s.text)
        );
    }
    for e in &scene.edges {
        if e.points.len() < 2 {
            continue;
        }
        let (colour, dash, width) = if matches!(e.to, End::Stub(_)) {
            (MISSING, r#" stroke-dasharray="5 4""#, 1.4)
        } else if is_control(e.kind) {
            (CONTROL, r#" stroke-dasharray="2 3""#, 1.3)
        } else {
            (EDGE, "", 1.4)
        };
        let _ = write!(
            out,
            r##"<path d="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/><path d="{}" fill="{colour}"/>"##,
            route_path(&e.points, 8.0),
            arrow_head(&e.points)
        );
    }
    for e in &scene.edges {
        let Some((label, r)) = &e.label else { continue };
        let _ = write!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="#ffffff" fill-opacity="0.9"/><text x="{}" y="{}" font-size="10" fill="{MUTED}" text-anchor="middle">{}</text>"##,
            r1(r.x),
            r1(r.y),
            r1(r.width),
            r1(r.height),
            r1(r.x + r.width / 2.0),
            r1(r.y + r.height - 3.0),
            escape(label)
        );
    }
    for n in &scene.nodes {
        let fam = Family::of(n.kind);
        let (fill, stroke) = fam.colours();
        let r = n.rect;
        let _ = write!(
            out,
            r##"<g transform="translate({},{})"><rect width="{}" height="{}" rx="{}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><path d="{}" transform="translate(11,22)" fill="none" stroke="{stroke}" stroke-width="1.5"/>"##,
            r1(r.x),
            r1(r.y),
            r.width,
            r.height,
            fam.radius(),
            fam.icon()
        );
        if let Some(t) = &n.text {
            line(out, &t.caption, stroke);
            for l in &t.name {
                line(out, l, INK);
            }
        }
        out.push_str("</g>");
    }
}

fn line(out: &mut String, l: &TextLine, colour: &str) {
    let bold = if l.weight == Weight::Bold { r#" font-weight="bold""# } else { "" };
    let _ = write!(
        out,
        r##"<text x="{}" y="{}" font-size="{}"{bold} fill="{colour}">{}</text>"##,
        l.x,
        l.y,
        l.size,
        escape(&l.text)
    );
}

/// The families drawn, in legend order.
fn families(scene: &Scene) -> Vec<Family> {
    let mut present: Vec<Family> = scene.nodes.iter().map(|n| Family::of(n.kind)).collect();
    if !scene.frames.is_empty() {
        present.push(Family::Namespace);
    }
    Family::ALL.iter().copied().filter(|f| present.contains(f)).collect()
}

fn legend(out: &mut String, families: &[Family], x: f64, y: f64) {
    let _ = write!(
        out,
        r##"<text x="{x}" y="{}" font-size="14" font-weight="bold" fill="{INK}">Legend</text>"##,
        y + 14.0
    );
    for (i, fam) in families.iter().enumerate() {
        let ly = y + 28.0 + 22.0 * i as f64;
        let (fill, stroke) = fam.colours();
        let dash = if *fam == Family::Namespace { r#" stroke-dasharray="4 3""# } else { "" };
        let _ = write!(
            out,
            r##"<rect x="{x}" y="{ly}" width="28" height="16" rx="{}" fill="{fill}" stroke="{stroke}"{dash}/><text x="{}" y="{}" font-size="12" fill="{INK}">{}</text>"##,
            (fam.radius() / 4.0).min(8.0),
            x + 36.0,
            ly + 12.0,
            escape(fam.label())
        );
    }
}

/// Notes wrapped to `width` at word boundaries.
fn wrap_notes(notes: &str, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in notes.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate =
                if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if !line.is_empty() && text::width(&candidate, NOTE, Weight::Regular) > width {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::design::Design;
    use crate::core::graph::Graph;
    use crate::core::layout::{self, SceneOptions};
    use serde_json::json;

    fn scene_of(d: &Design) -> Scene {
        let g = Graph::build(d);
        layout::scene(d, &g, &layout::positions(d, &g), SceneOptions::default())
    }

    #[test]
    fn user_text_is_escaped_and_legend_title_and_notes_are_optional() {
        let mut d = Design::new();
        d.add(json!({"apiVersion": "v1", "kind": "ConfigMap",
                     "metadata": {"name": "<img src=x onerror=alert(1)>", "namespace": "a&b"}}));
        let s = scene_of(&d);
        let options = DiagramOptions {
            title: "Prod <east>".into(),
            notes: "Line & more".into(),
            legend: true,
            area: None,
        };
        let with = svg(&s, &options);
        assert!(with.contains("&lt;img src=x"), "{with}");
        assert!(!with.contains("<img"));
        assert!(with.contains("namespace a&amp;b"));
        assert!(
            with.contains("<title>Prod &lt;east&gt;</title>")
                && with.contains("<desc>Line &amp; more</desc>")
        );
        assert!(with.contains("Legend"));
        let bare = svg(&s, &DiagramOptions::default());
        assert!(!bare.contains("Legend") && !bare.contains("<desc>"));
    }

    #[test]
    fn the_file_is_self_contained_and_portable() {
        let t = crate::core::templates::by_id("flink-sql").expect("template");
        let s = scene_of(&t.design().0);
        let out = svg(&s, &DiagramOptions { legend: true, ..DiagramOptions::default() });
        for banned in
            ["<style", "class=", "href", "url(", "marker", "paint-order", "@font-face", "<image"]
        {
            assert!(!out.contains(banned), "{banned} in the export");
        }
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(out.contains("font-family=\"Helvetica, Arial"));
        // Every edge has its arrowhead drawn as a shape.
        assert_eq!(out.matches("Z\" fill=").count(), s.edges.len());
    }

    #[test]
    fn routes_round_their_corners_and_end_in_an_arrowhead() {
        let d = route_path(&[(0.0, 100.0), (0.0, 50.0), (100.0, 50.0), (100.0, 0.0)], 8.0);
        assert_eq!(d, "M0 100L0 58Q0 50 8 50L92 50Q100 50 100 42L100 0");
        assert_eq!(arrow_head(&[(0.0, 100.0), (0.0, 0.0)]), "M0 0L4 8L-4 8Z");
    }

    #[test]
    fn a_view_export_clips_to_the_view() {
        let t = crate::core::templates::by_id("session-cluster").expect("template");
        let s = scene_of(&t.design().0);
        let area = Rect { x: 0.0, y: 0.0, width: 300.0, height: 200.0 };
        let out = svg(&s, &DiagramOptions { area: Some(area), ..DiagramOptions::default() });
        assert!(out.contains(r#"viewBox="0 0 300 200" overflow="hidden""#), "{out}");
    }
}

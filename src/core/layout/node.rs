//! What a node shows and where: its caption (the kind) and its name, fitted inside the
//! node's shape. Canvas, exported diagram and the quality metrics all place node text
//! with [`node_text`], so text that fits here fits everywhere.
//!
//! A node is [`NODE_WIDTH`] × [`NODE_HEIGHT`] with its family's corner radius; its icon
//! sits at the left, the text starts at [`TEXT_X`]. The caption is one line; the name is one
//! bold line, or two slightly smaller lines broken after a `-`, `.` or `_` when it is
//! long, and cut with an ellipsis only when two lines are not enough (the canvas's tooltip
//! and the inspector show it whole).

use super::family::Family;
use super::text::{self, Weight};
use super::{NODE_HEIGHT, NODE_WIDTH};
use crate::core::model::Kind;

/// Left edge of the node's text (after the icon).
pub const TEXT_X: f64 = 40.0;
/// Space kept between text and the shape's right border.
const TEXT_PAD: f64 = 6.0;
/// Caption: size and baseline.
const CAPTION: (f64, f64) = (11.0, 22.0);
/// Name on one line: size and baseline.
const NAME: (f64, f64) = (14.0, 44.0);
/// Name on two lines: size and the two baselines.
const NAME_TWO: (f64, f64, f64) = (12.5, 38.0, 53.0);
/// Part of the font size above the baseline (cap height and accents) and below it.
const ASCENT: f64 = 0.78;
const DESCENT: f64 = 0.24;

/// One line of text in a node, relative to the node's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text as drawn (possibly cut with an ellipsis).
    pub text: String,
    /// Left edge.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// Font size in pixels.
    pub size: f64,
    /// Font weight.
    pub weight: Weight,
}

impl TextLine {
    fn new(text: String, y: f64, size: f64, weight: Weight) -> Self {
        Self { text, x: TEXT_X, y, size, weight }
    }

    /// Width of the line as drawn.
    pub fn width(&self) -> f64 {
        text::width(&self.text, self.size, self.weight)
    }

    /// Top and bottom of the line's glyphs.
    pub fn extent(&self) -> (f64, f64) {
        (self.y - ASCENT * self.size, self.y + DESCENT * self.size)
    }
}

/// The text of a node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeText {
    /// The caption (kind).
    pub caption: TextLine,
    /// The name, on one or two lines.
    pub name: Vec<TextLine>,
    /// True when caption or name had to be cut.
    pub cut: bool,
}

/// The caption of a kind: the kind as written, or a readable name for the studio's own
/// nodes (which are no Kubernetes kind).
pub fn caption(kind: Kind, kind_label: &str) -> &str {
    match kind {
        Kind::FkoInstall => "Flink K8s Operator",
        Kind::CfkInstall => "Confluent for K8s",
        Kind::CmfInstall => "CMF service",
        Kind::KafkaCluster => "Kafka cluster",
        Kind::SchemaRegistry => "Schema Registry",
        Kind::ObjectStore => "Object store",
        _ if kind_label.is_empty() => "resource",
        _ => kind_label,
    }
}

/// The room a line spanning `top..bottom` has between [`TEXT_X`] and the shape's right
/// border, whose rounded corners (`radius`) eat into lines near the top and bottom.
pub fn room(radius: f64, top: f64, bottom: f64) -> f64 {
    let r = radius.min(NODE_HEIGHT / 2.0);
    let d = top.min(NODE_HEIGHT - bottom).max(0.0);
    let inset = if d < r { r - (r * r - (r - d) * (r - d)).sqrt() } else { 0.0 };
    NODE_WIDTH - TEXT_X - TEXT_PAD - inset
}

/// The room of a line at `size` with its baseline at `y`.
fn room_at(family: Family, y: f64, size: f64) -> f64 {
    room(family.radius(), y - ASCENT * size, y + DESCENT * size)
}

/// Caption and name of a node of `kind` (`kind_label` as written) named `name`.
pub fn node_text(kind: Kind, kind_label: &str, name: &str) -> NodeText {
    let family = Family::of(kind);
    let (size, y) = CAPTION;
    let (caption_text, caption_cut) =
        text::fit(caption(kind, kind_label), size, Weight::Regular, room_at(family, y, size));
    let caption = TextLine::new(caption_text, y, size, Weight::Regular);
    let (size, y) = NAME;
    if text::width(name, size, Weight::Bold) <= room_at(family, y, size) {
        let line = TextLine::new(name.to_string(), y, size, Weight::Bold);
        return NodeText { caption, name: vec![line], cut: caption_cut };
    }
    let (size, y1, y2) = NAME_TWO;
    let widths = [room_at(family, y1, size), room_at(family, y2, size)];
    let (lines, cut) = text::wrap(name, size, Weight::Bold, &widths);
    let name = lines
        .into_iter()
        .zip([y1, y2])
        .map(|(t, y)| TextLine::new(t, y, size, Weight::Bold))
        .collect();
    NodeText { caption, name, cut: cut || caption_cut }
}

/// Lines of a node's text wider than their room (0 for text from [`node_text`]).
pub fn overflowing_lines(kind: Kind, text: &NodeText) -> usize {
    let radius = Family::of(kind).radius();
    std::iter::once(&text.caption)
        .chain(&text.name)
        .filter(|l| {
            let (top, bottom) = l.extent();
            l.x + l.width() > TEXT_X + room(radius, top, bottom) + 1e-6
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_take_one_line_long_ones_two_and_nothing_leaves_the_shape() {
        let t = node_text(Kind::FlinkDeployment, "FlinkDeployment", "orders");
        assert_eq!((t.name.len(), t.cut), (1, false));
        let t = node_text(Kind::FkoInstall, "FlinkKubernetesOperator", "flink-kubernetes-operator");
        assert_eq!(t.caption.text, "Flink K8s Operator");
        let names: Vec<&str> = t.name.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(names, ["flink-kubernetes-", "operator"]);
        assert!(!t.cut);
        let long = "an-extremely-long-application-name-that-no-node-could-ever-hold-whole";
        for kind in [Kind::FkoInstall, Kind::Secret, Kind::KafkaCluster, Kind::Environment] {
            let t = node_text(kind, "SomeVeryLongCustomResourceKindName", long);
            assert!(t.cut, "{kind:?}");
            assert_eq!(overflowing_lines(kind, &t), 0, "{kind:?}: {t:?}");
        }
    }

    #[test]
    fn rounded_corners_leave_less_room_near_the_top_and_bottom() {
        assert_eq!(room(0.0, 10.0, 20.0), NODE_WIDTH - TEXT_X - TEXT_PAD);
        assert!(room(32.0, 40.0, 60.0) < room(32.0, 28.0, 36.0));
        assert_eq!(room(32.0, 32.0, 32.0), NODE_WIDTH - TEXT_X - TEXT_PAD);
        let t = node_text(Kind::Secret, "Secret", "x");
        let wide = TextLine { text: "W".repeat(40), ..t.caption.clone() };
        assert_eq!(overflowing_lines(Kind::Secret, &NodeText { caption: wide, ..t }), 1);
    }
}

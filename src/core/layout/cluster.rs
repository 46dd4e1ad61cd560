//! One cluster laid out at the origin: a namespace frame's resources in dependency rows,
//! with its satellites (CMF-level objects only it uses: secrets, catalogs, databases) in a
//! column beside the frame, each on the row of its dependency layer so every edge still
//! points up to what it references. Rows are ordered by barycenter sweeps to reduce
//! crossings, then nodes slide towards their neighbours to straighten edges.

use std::collections::BTreeMap;

use super::order::{Part, Scratch, sweep};
use super::{FRAME_HEADER, FRAME_PADDING, NODE_HEIGHT, NODE_WIDTH, is_frame, title_width};
use crate::core::design::{Design, Point};

/// Horizontal space between nodes.
pub const GAP_X: f64 = 32.0;
/// Vertical space between rows.
pub const GAP_Y: f64 = 44.0;
/// Space between a frame and its satellite column.
const SIDE_GAP: f64 = 48.0;
/// Horizontal step from one column to the next.
pub const STEP_X: f64 = NODE_WIDTH + GAP_X;
/// Vertical step from one row to the next.
pub const STEP_Y: f64 = NODE_HEIGHT + GAP_Y;

/// A laid-out cluster: node offsets from its top-left corner and its size.
pub struct Block {
    /// Resource index and top-left corner of each node.
    pub nodes: Vec<(usize, Point)>,
    /// Width (frame and satellites).
    pub width: f64,
    /// Height (frame and satellites).
    pub height: f64,
}

/// Columns a frame wraps its rows at: one for up to three members (small frames stack
/// beside big ones), else a compact, roughly square grid.
fn frame_columns(members: usize) -> usize {
    if members <= 3 { 1 } else { (members as f64).sqrt().ceil().clamp(2.0, 10.0) as usize }
}

/// Lays out a frame's `framed` resources and its `side` satellites.
pub fn layout(
    design: &Design,
    namespace: &str,
    framed: &[usize],
    side: &[usize],
    layers: &[u32],
    neighbours: &[Vec<usize>],
    scratch: &mut Scratch,
) -> Block {
    let mut rows: BTreeMap<u32, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for &i in framed {
        rows.entry(layers[i]).or_default().0.push(i);
    }
    for &i in side {
        rows.entry(layers[i]).or_default().1.push(i);
    }
    let by_name = |a: &usize, b: &usize| {
        let (ra, rb) = (&design.resources[*a], &design.resources[*b]);
        ra.kind.cmp(&rb.kind).then(ra.name().cmp(rb.name())).then(ra.id.cmp(&rb.id))
    };
    let frame_cols = frame_columns(framed.len());
    let side_cols = (side.len() as f64).sqrt().ceil().clamp(1.0, 3.0) as usize;
    let widest = rows.values().map(|(f, _)| f.len().min(frame_cols)).max().unwrap_or(1).max(1);
    // The frame is at least as wide as its title.
    let members = framed.iter().filter(|&&i| !is_frame(design.resources[i].kind)).count();
    let content_w =
        (widest as f64 * STEP_X - GAP_X).max(title_width(namespace, members) - 2.0 * FRAME_PADDING);
    let side_x = content_w + 2.0 * FRAME_PADDING + SIDE_GAP;
    let mut parts: Vec<Part> = Vec::new();
    let mut y = FRAME_PADDING + FRAME_HEADER;
    for (mut f, mut s) in rows.into_values() {
        crate::core::sort::sort_by(&mut f, by_name);
        crate::core::sort::sort_by(&mut s, by_name);
        let height = f.len().div_ceil(frame_cols).max(s.len().div_ceil(side_cols));
        if !f.is_empty() {
            parts.push(Part::new(f, FRAME_PADDING, content_w, frame_cols, y));
        }
        if !s.is_empty() {
            let w = side_cols as f64 * STEP_X - GAP_X;
            parts.push(Part::new(s, side_x, w, side_cols, y));
        }
        y += height as f64 * STEP_Y;
    }
    sweep(&mut parts, neighbours, scratch);
    let mut nodes = Vec::with_capacity(framed.len() + side.len());
    for part in &parts {
        nodes.extend(part.points());
    }
    let side_w = if side.is_empty() { 0.0 } else { SIDE_GAP + side_cols as f64 * STEP_X - GAP_X };
    Block {
        nodes,
        width: content_w + 2.0 * FRAME_PADDING + side_w,
        height: y - GAP_Y + FRAME_PADDING,
    }
}

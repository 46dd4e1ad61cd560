//! The part of an edge's route inside the canvas's area. An edge from a node in view to
//! one far away (an operator watching hundreds of deployments across a 10,000-resource
//! design) can be tens of thousands of pixels long; the browser strokes, and for a dashed
//! line dashes, the whole of it on every repaint, which made a drag near an operator
//! take ~0.4 s a frame. Drawn only inside the area (which extends well beyond the
//! visible part), such an edge costs what the part in view costs.

use crate::core::diagram::route_path;
use crate::core::layout::Rect;

/// Routes are drawn this far beyond the area.
pub const MARGIN: f64 = 40.0;

/// The SVG path of a line dragged along with a node, cut to `area` (a straight line to a
/// far target is as costly to stroke as a long route).
pub fn straight(s: (f64, f64), t: (f64, f64), area: &Rect) -> String {
    let area = crate::core::layout::route::inflate(area, MARGIN);
    match clip(&[s, t], &area) {
        Some((pieces, _)) => pieces.iter().map(|p| route_path(p, 0.0)).collect(),
        None => route_path(&[s, t], 0.0),
    }
}

/// Pieces of a polyline.
pub type Pieces<T> = Vec<Vec<(T, T)>>;

/// The pieces of the polyline `points` inside `area`, and the length of the polyline
/// before the first piece (so a dash pattern can keep its phase); `None` when the whole
/// polyline lies inside (it is drawn as it is).
pub fn clip(points: &[(f64, f64)], area: &Rect) -> Option<(Pieces<f64>, f64)> {
    let inside = |p: &(f64, f64)| {
        p.0 >= area.x && p.0 <= area.right() && p.1 >= area.y && p.1 <= area.bottom()
    };
    if points.iter().all(inside) {
        return None;
    }
    let mut pieces: Pieces<f64> = Vec::new();
    let mut piece: Vec<(f64, f64)> = Vec::new();
    let mut before = None;
    let mut walked = 0.0;
    for w in points.windows(2) {
        let (p, q) = (w[0], w[1]);
        let length = (q.0 - p.0).hypot(q.1 - p.1);
        match segment(p, q, area) {
            Some((t0, t1)) => {
                let at = |t: f64| {
                    if t <= 0.0 {
                        p
                    } else if t >= 1.0 {
                        q
                    } else {
                        (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t)
                    }
                };
                if piece.is_empty() {
                    before.get_or_insert(walked + t0 * length);
                    piece.push(at(t0));
                }
                piece.push(at(t1));
                if t1 < 1.0 {
                    pieces.push(std::mem::take(&mut piece));
                }
            }
            None if !piece.is_empty() => pieces.push(std::mem::take(&mut piece)),
            None => {}
        }
        walked += length;
    }
    if piece.len() >= 2 {
        pieces.push(piece);
    }
    pieces.retain(|p| p.len() >= 2);
    Some((pieces, before.unwrap_or(0.0)))
}

/// The parameter range `[t0, t1]` of the segment `p`–`q` inside `r` (Liang–Barsky).
fn segment(p: (f64, f64), q: (f64, f64), r: &Rect) -> Option<(f64, f64)> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (step, room) in
        [(-dx, p.0 - r.x), (dx, r.right() - p.0), (-dy, p.1 - r.y), (dy, r.bottom() - p.1)]
    {
        if step == 0.0 {
            if room < 0.0 {
                return None;
            }
        } else {
            let t = room / step;
            if step < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = Rect { x: 0.0, y: 0.0, width: 100.0, height: 100.0 };

    #[test]
    fn a_route_inside_the_area_is_drawn_as_it_is() {
        assert_eq!(clip(&[(10.0, 10.0), (10.0, 90.0), (90.0, 90.0)], &AREA), None);
    }

    #[test]
    fn a_route_leaving_the_area_is_cut_at_its_border_and_keeps_its_dash_phase() {
        let route = [(-500.0, 50.0), (50.0, 50.0), (50.0, 5000.0)];
        let (pieces, before) = clip(&route, &AREA).expect("clipped");
        assert_eq!(pieces, [vec![(0.0, 50.0), (50.0, 50.0), (50.0, 100.0)]]);
        assert_eq!(before, 500.0);
    }

    #[test]
    fn a_route_crossing_the_area_twice_gives_two_pieces_and_one_outside_none() {
        let route = [(10.0, -50.0), (10.0, 200.0), (80.0, 200.0), (80.0, 50.0)];
        let (pieces, before) = clip(&route, &AREA).expect("clipped");
        assert_eq!(pieces, [vec![(10.0, 0.0), (10.0, 100.0)], vec![(80.0, 100.0), (80.0, 50.0)]]);
        assert_eq!(before, 50.0);
        let far = [(500.0, 500.0), (900.0, 500.0)];
        assert_eq!(clip(&far, &AREA).map(|c| c.0.len()), Some(0));
    }
}

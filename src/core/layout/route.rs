//! Orthogonal edge routing: a path of horizontal and vertical segments from a port on one
//! shape's border to a port on another's, around obstacles (nodes, the frames the edge
//! does not enter, frame titles, stubs), with few bends.
//!
//! The search runs on a sparse grid whose lines are the obstacles' borders (inflated by
//! [`CLEARANCE`]), the ports and the middles between neighbouring lines — the orthogonal
//! visibility grid — limited to the area around the two ports (the whole drawing when
//! that fails). A* with a bend penalty finds the shortest path with the fewest bends; a
//! direct elbow is kept when it is free, and an edge with too many obstacles around it
//! falls back to the elbow.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::Rect;

/// Distance kept between a route and any obstacle.
pub const CLEARANCE: f64 = 10.0;
/// Length of the straight piece leaving and entering a port.
pub const EXIT: f64 = 14.0;
/// Extra cost of one bend, in pixels of length.
const BEND: f64 = 36.0;
/// Margin of the search area around the two ports.
const AREA_PAD: f64 = 240.0;
/// More obstacles than this around an edge and it is drawn as an elbow.
pub const MAX_OBSTACLES: usize = 180;

/// Extra cost, per pixel, of running along a segment another edge already uses.
const SHARED: f64 = 6.0;
/// Segments closer than this are on the same line.
const SAME_LINE: f64 = 7.0;
/// Cell of the index of used segments.
const USED_CELL: f64 = 256.0;

/// The segments of the routes drawn so far, so that later routes take other lines.
#[derive(Debug, Default)]
pub struct Used {
    /// `(fixed coordinate, low, high)` of horizontal segments, by cell of the fixed y.
    horizontal: rustc_hash::FxHashMap<i64, Vec<(f64, f64, f64)>>,
    /// The same for vertical segments, by cell of the fixed x.
    vertical: rustc_hash::FxHashMap<i64, Vec<(f64, f64, f64)>>,
}

impl Used {
    /// Records a route.
    pub fn add(&mut self, points: &[(f64, f64)]) {
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.1 - b.1).abs() < 1e-6 {
                let key = (a.1 / USED_CELL).floor() as i64;
                self.horizontal.entry(key).or_default().push((a.1, a.0.min(b.0), a.0.max(b.0)));
            } else if (a.0 - b.0).abs() < 1e-6 {
                let key = (a.0 / USED_CELL).floor() as i64;
                self.vertical.entry(key).or_default().push((a.0, a.1.min(b.1), a.1.max(b.1)));
            }
        }
    }

    /// Used segments on the horizontal (or vertical) line at `fixed`.
    fn near(&self, horizontal: bool, fixed: f64) -> impl Iterator<Item = (f64, f64)> + '_ {
        let map = if horizontal { &self.horizontal } else { &self.vertical };
        let key = (fixed / USED_CELL).floor() as i64;
        (key - 1..=key + 1)
            .flat_map(move |k| map.get(&k).into_iter().flatten())
            .filter(move |(f, _, _)| (f - fixed).abs() < SAME_LINE)
            .map(|(_, lo, hi)| (*lo, *hi))
    }

    /// How much of the axis-parallel segment `p`–`q` runs along used segments.
    fn shared(&self, p: (f64, f64), q: (f64, f64)) -> f64 {
        let horizontal = (p.1 - q.1).abs() < 1e-6;
        let (fixed, lo, hi) = if horizontal {
            (p.1, p.0.min(q.0), p.0.max(q.0))
        } else {
            (p.0, p.1.min(q.1), p.1.max(q.1))
        };
        self.near(horizontal, fixed).map(|(a, b)| (hi.min(b) - lo.max(a)).max(0.0)).sum()
    }
}

/// A side of a rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Upper border.
    Top,
    /// Lower border.
    Bottom,
    /// Left border.
    Left,
    /// Right border.
    Right,
}

impl Side {
    /// Outward unit normal.
    pub fn normal(self) -> (f64, f64) {
        match self {
            Side::Top => (0.0, -1.0),
            Side::Bottom => (0.0, 1.0),
            Side::Left => (-1.0, 0.0),
            Side::Right => (1.0, 0.0),
        }
    }

    fn vertical(self) -> bool {
        matches!(self, Side::Top | Side::Bottom)
    }
}

/// Where an edge meets a shape: a point on its border and the side it is on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Port {
    /// The point on the border.
    pub at: (f64, f64),
    /// The side.
    pub side: Side,
}

impl Port {
    /// The point [`EXIT`] outside the port.
    pub fn outside(&self) -> (f64, f64) {
        let (nx, ny) = self.side.normal();
        (self.at.0 + nx * EXIT, self.at.1 + ny * EXIT)
    }
}

/// The side of `rect` facing the point `towards`.
pub fn facing(rect: &Rect, towards: (f64, f64)) -> Side {
    let (cx, cy) = (rect.x + rect.width / 2.0, rect.y + rect.height / 2.0);
    let (dx, dy) = (towards.0 - cx, towards.1 - cy);
    // Compare against the rectangle's own proportions: a point above the top edge's line
    // of sight is "above" even when far to the side.
    if dy.abs() * rect.width >= dx.abs() * rect.height {
        if dy < 0.0 { Side::Top } else { Side::Bottom }
    } else if dx < 0.0 {
        Side::Left
    } else {
        Side::Right
    }
}

/// True when the open segment `p`–`q` (axis-parallel) passes through the interior of `r`.
pub fn segment_enters(p: (f64, f64), q: (f64, f64), r: &Rect) -> bool {
    let (x0, x1) = (p.0.min(q.0), p.0.max(q.0));
    let (y0, y1) = (p.1.min(q.1), p.1.max(q.1));
    const E: f64 = 1e-6;
    if (y1 - y0).abs() < E {
        y0 > r.y + E && y0 < r.bottom() - E && x1 > r.x + E && x0 < r.right() - E
    } else if (x1 - x0).abs() < E {
        x0 > r.x + E && x0 < r.right() - E && y1 > r.y + E && y0 < r.bottom() - E
    } else {
        // Not axis-parallel (a fallback elbow never is): sample it.
        (1..32).any(|k| {
            let t = k as f64 / 32.0;
            let (x, y) = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
            x > r.x && x < r.right() && y > r.y && y < r.bottom()
        })
    }
}

/// True when the polyline passes through the interior of `r`.
pub fn path_enters(points: &[(f64, f64)], r: &Rect) -> bool {
    points.windows(2).any(|w| segment_enters(w[0], w[1], r))
}

/// Inflates a rectangle by the clearance.
pub fn inflate(r: &Rect, by: f64) -> Rect {
    Rect { x: r.x - by, y: r.y - by, width: r.width + 2.0 * by, height: r.height + 2.0 * by }
}

/// A route from `a` to `b` avoiding `near` obstacles (already inflated) and, where it
/// can, the lines of routes already drawn (`used`): the points from port to port, corners
/// only. `limit` bounds the obstacles a search may consider (more: the elbow). `within` keeps the route inside a frame holding both ends where it can; `all` gives every obstacle of the drawing, searched when the area around the
/// ports has no way through.
pub fn route(
    a: Port,
    b: Port,
    near: &[Rect],
    used: &Used,
    within: Option<Rect>,
    limit: usize,
    all: impl FnOnce() -> Vec<Rect>,
) -> Vec<(f64, f64)> {
    let (s, t) = (a.outside(), b.outside());
    let direct = elbow(a, b);
    if let Some(path) = direct.as_ref().filter(|p| free(p, near)) {
        // A bounded search (a big design's view) takes a free elbow even on a used line.
        let shared: f64 = path.windows(2).map(|w| used.shared(w[0], w[1])).sum();
        if shared < 1.0 || limit < MAX_OBSTACLES {
            return simplify(path.clone());
        }
    }
    // Both ends in one frame: the route stays inside it when it can.
    let inside = within.and_then(|w| search(a, b, near, used, w, limit));
    let area = Rect::around([point_rect(s), point_rect(t)]).map(|r| inflate(&r, AREA_PAD));
    let found = inside.or_else(|| area.and_then(|area| search(a, b, near, used, area, limit)));
    let found = found.or_else(|| {
        let all = all();
        let area = Rect::around(all.iter().copied().chain([point_rect(s), point_rect(t)]))
            .map(|r| inflate(&r, 2.0 * CLEARANCE))?;
        search(a, b, &all, used, area, limit)
    });
    simplify(found.or(direct).unwrap_or_else(|| vec![a.at, s, t, b.at]))
}

fn point_rect(p: (f64, f64)) -> Rect {
    Rect { x: p.0, y: p.1, width: 0.0, height: 0.0 }
}

fn free(path: &[(f64, f64)], obstacles: &[Rect]) -> bool {
    // The first and last pieces run inside the clearance of their own shapes.
    let inner = &path[1..path.len() - 1];
    !obstacles.iter().any(|o| path_enters(inner, o))
}

/// The direct orthogonal connection with at most two bends between the exits, when the
/// sides allow one.
fn elbow(a: Port, b: Port) -> Option<Vec<(f64, f64)>> {
    let (s, t) = (a.outside(), b.outside());
    let path = match (a.side.vertical(), b.side.vertical()) {
        (true, true) => {
            let y = (s.1 + t.1) / 2.0;
            // Leaving upwards means the middle must lie above the exit, and so on.
            let ok = |p: Port, q: (f64, f64)| match p.side {
                Side::Top => y <= q.1 + 1e-6,
                _ => y >= q.1 - 1e-6,
            };
            if !ok(a, s) || !ok(b, t) {
                return None;
            }
            vec![a.at, s, (s.0, y), (t.0, y), t, b.at]
        }
        (false, false) => {
            let x = (s.0 + t.0) / 2.0;
            let ok = |p: Port, q: (f64, f64)| match p.side {
                Side::Left => x <= q.0 + 1e-6,
                _ => x >= q.0 - 1e-6,
            };
            if !ok(a, s) || !ok(b, t) {
                return None;
            }
            vec![a.at, s, (x, s.1), (x, t.1), t, b.at]
        }
        (true, false) => vec![a.at, s, (s.0, t.1), t, b.at],
        (false, true) => vec![a.at, s, (t.0, s.1), t, b.at],
    };
    Some(path)
}

/// Drops repeated points and the middle point of three collinear ones.
pub fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for p in points {
        if out.last().is_some_and(|q| (q.0 - p.0).abs() < 1e-6 && (q.1 - p.1).abs() < 1e-6) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = ((a.0 - b.0).abs() < 1e-6 && (b.0 - p.0).abs() < 1e-6)
                || ((a.1 - b.1).abs() < 1e-6 && (b.1 - p.1).abs() < 1e-6);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Sorted, de-duplicated coordinates with the middles of wide gaps added.
fn lines(mut v: Vec<f64>, middles: bool) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    if middles {
        let mids: Vec<f64> = v
            .windows(2)
            .filter(|w| w[1] - w[0] > 3.0 * CLEARANCE)
            .map(|w| (w[0] + w[1]) / 2.0)
            .collect();
        v.extend(mids);
        v.sort_by(f64::total_cmp);
    }
    v
}

/// A* over the orthogonal visibility grid of `obstacles` inside `area`.
fn search(
    a: Port,
    b: Port,
    obstacles: &[Rect],
    used: &Used,
    area: Rect,
    limit: usize,
) -> Option<Vec<(f64, f64)>> {
    let (s, t) = (a.outside(), b.outside());
    let inside: Vec<&Rect> = obstacles.iter().filter(|o| o.intersects(&area)).collect();
    if inside.len() > limit {
        return None;
    }
    let clamp_x = |v: f64| v.clamp(area.x, area.right());
    let clamp_y = |v: f64| v.clamp(area.y, area.bottom());
    let mut xs = vec![area.x, area.right(), s.0, t.0];
    let mut ys = vec![area.y, area.bottom(), s.1, t.1];
    for o in &inside {
        xs.extend([clamp_x(o.x), clamp_x(o.right())]);
        ys.extend([clamp_y(o.y), clamp_y(o.bottom())]);
    }
    let middles = inside.len() <= 24;
    let (xs, ys) = (lines(xs, middles), lines(ys, middles));
    let (n, m) = (xs.len(), ys.len());
    let find = |v: &[f64], x: f64| v.iter().position(|c| (c - x).abs() < 1e-6);
    let (si, sj, ti, tj) = (find(&xs, s.0)?, find(&ys, s.1)?, find(&xs, t.0)?, find(&ys, t.1)?);
    // Blocked segments: h[j * n + i] is (xs[i], ys[j]) – (xs[i + 1], ys[j]).
    let mut h = vec![false; n * m];
    let mut v = vec![false; n * m];
    let index = |vals: &[f64], x: f64| vals.partition_point(|c| *c < x - 1e-6);
    for o in &inside {
        let (x0, x1) = (index(&xs, o.x), index(&xs, o.right()));
        let (y0, y1) = (index(&ys, o.y), index(&ys, o.bottom()));
        for j in y0..y1.min(m) {
            if ys[j] > o.y + 1e-6 && ys[j] < o.bottom() - 1e-6 {
                for i in x0..x1.min(n) {
                    h[j * n + i] = true;
                }
            }
        }
        for i in x0..x1.min(n) {
            if xs[i] > o.x + 1e-6 && xs[i] < o.right() - 1e-6 {
                for j in y0..y1.min(m) {
                    v[i * m + j] = true;
                }
            }
        }
    }
    // Extra cost of each grid segment for running along routes already drawn.
    let mut hx = vec![0.0f64; n * m];
    let mut vx = vec![0.0f64; n * m];
    for j in 0..m {
        for (lo, hi) in used.near(true, ys[j]) {
            for i in index(&xs, lo)..index(&xs, hi).min(n - 1) {
                hx[j * n + i] = SHARED * (xs[i + 1] - xs[i]);
            }
        }
    }
    for i in 0..n {
        for (lo, hi) in used.near(false, xs[i]) {
            for j in index(&ys, lo)..index(&ys, hi).min(m - 1) {
                vx[i * m + j] = SHARED * (ys[j + 1] - ys[j]);
            }
        }
    }
    // State: (cell, axis of the last move: 0 horizontal, 1 vertical).
    let start_axis = usize::from(a.side.vertical());
    let end_axis = usize::from(b.side.vertical());
    let cell = |i: usize, j: usize| j * n + i;
    let key = |c: usize, axis: usize| c * 2 + axis;
    let mut best = vec![f64::INFINITY; n * m * 2];
    let mut from = vec![usize::MAX; n * m * 2];
    let heuristic = |i: usize, j: usize| (xs[i] - t.0).abs() + (ys[j] - t.1).abs();
    let mut open = BinaryHeap::new();
    let start = key(cell(si, sj), start_axis);
    best[start] = 0.0;
    open.push(Reverse((ordered(heuristic(si, sj)), start)));
    let mut goal: Option<(f64, usize)> = None;
    while let Some(Reverse((f, k))) = open.pop() {
        if goal.is_some_and(|(cost, _)| f >= ordered(cost)) {
            break;
        }
        let (c, axis) = (k / 2, k % 2);
        let (i, j) = (c % n, c / n);
        let g = best[k];
        if (i, j) == (ti, tj) {
            // Arriving along the port's normal costs no bend; both axes may arrive.
            let total = g + if axis == end_axis { 0.0 } else { BEND };
            if goal.is_none_or(|(cost, _)| total < cost) {
                goal = Some((total, k));
            }
            continue;
        }
        let mut step = |ni: usize, nj: usize, new_axis: usize, length: f64| {
            let nk = key(cell(ni, nj), new_axis);
            let cost = g + length + if new_axis == axis { 0.0 } else { BEND };
            if cost < best[nk] {
                best[nk] = cost;
                from[nk] = k;
                open.push(Reverse((ordered(cost + heuristic(ni, nj)), nk)));
            }
        };
        if i + 1 < n && !h[j * n + i] {
            step(i + 1, j, 0, xs[i + 1] - xs[i] + hx[j * n + i]);
        }
        if i > 0 && !h[j * n + i - 1] {
            step(i - 1, j, 0, xs[i] - xs[i - 1] + hx[j * n + i - 1]);
        }
        if j + 1 < m && !v[i * m + j] {
            step(i, j + 1, 1, ys[j + 1] - ys[j] + vx[i * m + j]);
        }
        if j > 0 && !v[i * m + j - 1] {
            step(i, j - 1, 1, ys[j] - ys[j - 1] + vx[i * m + j - 1]);
        }
    }
    let (_, mut k) = goal?;
    let mut cells = Vec::new();
    while k != usize::MAX {
        let c = k / 2;
        cells.push((xs[c % n], ys[c / n]));
        k = from[k];
    }
    cells.reverse();
    let mut path = vec![a.at];
    path.extend(cells);
    path.push(b.at);
    Some(path)
}

/// A cost as an integer key for the heap (1/64 px resolution).
fn ordered(cost: f64) -> u64 {
    (cost * 64.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, width: w, height: h }
    }

    fn orthogonal(path: &[(f64, f64)]) -> bool {
        path.windows(2).all(|w| (w[0].0 - w[1].0).abs() < 1e-6 || (w[0].1 - w[1].1).abs() < 1e-6)
    }

    #[test]
    fn a_free_elbow_is_kept() {
        let a = Port { at: (100.0, 300.0), side: Side::Top };
        let b = Port { at: (400.0, 100.0), side: Side::Bottom };
        let path = route(a, b, &[], &Used::default(), None, MAX_OBSTACLES, Vec::new);
        assert_eq!(path, [(100.0, 300.0), (100.0, 200.0), (400.0, 200.0), (400.0, 100.0)]);
    }

    #[test]
    fn routes_go_around_obstacles_orthogonally() {
        let a = Port { at: (100.0, 500.0), side: Side::Top };
        let b = Port { at: (100.0, 100.0), side: Side::Bottom };
        let wall = inflate(&rect(0.0, 250.0, 300.0, 60.0), CLEARANCE);
        let path = route(a, b, &[wall], &Used::default(), None, MAX_OBSTACLES, Vec::new);
        assert!(orthogonal(&path), "{path:?}");
        assert!(!path_enters(&path, &wall), "{path:?}");
        assert_eq!((path[0], *path.last().unwrap()), (a.at, b.at));
        // Around the nearer (left) end of the wall, not through it.
        assert!(path.iter().any(|p| (p.0 - wall.x).abs() < 1e-6), "{path:?}");
        assert_eq!(path.len(), 6, "two bends around the wall, one at each port: {path:?}");
    }

    #[test]
    fn a_boxed_in_target_is_reached_from_the_whole_drawing() {
        let a = Port { at: (0.0, 0.0), side: Side::Right };
        let b = Port { at: (2000.0, 0.0), side: Side::Left };
        // A long wall between them, beyond the area searched first.
        let wall = inflate(&rect(900.0, -1000.0, 100.0, 2000.0), CLEARANCE);
        let path = route(a, b, &[wall], &Used::default(), None, MAX_OBSTACLES, || vec![wall]);
        assert!(orthogonal(&path) && !path_enters(&path, &wall), "{path:?}");
    }

    #[test]
    fn a_second_route_takes_another_line_than_the_first() {
        let a = Port { at: (100.0, 500.0), side: Side::Top };
        let b = Port { at: (400.0, 100.0), side: Side::Bottom };
        let mut used = Used::default();
        let first = route(a, b, &[], &used, None, MAX_OBSTACLES, Vec::new);
        used.add(&first);
        let a2 = Port { at: (110.0, 500.0), side: Side::Top };
        let b2 = Port { at: (410.0, 100.0), side: Side::Bottom };
        let second = route(a2, b2, &[], &used, None, MAX_OBSTACLES, Vec::new);
        let shared: f64 = second.windows(2).map(|w| used.shared(w[0], w[1])).sum();
        assert!(shared < 1.0, "{first:?} / {second:?}");
    }

    #[test]
    fn sides_face_the_other_end() {
        let r = rect(0.0, 0.0, 200.0, 64.0);
        assert_eq!(facing(&r, (100.0, -500.0)), Side::Top);
        assert_eq!(facing(&r, (900.0, -40.0)), Side::Right);
        assert_eq!(facing(&r, (-50.0, 40.0)), Side::Left);
        assert_eq!(facing(&r, (100.0, 300.0)), Side::Bottom);
        let p = Port { at: (5.0, 0.0), side: Side::Top };
        assert_eq!(p.outside(), (5.0, -EXIT));
    }
}

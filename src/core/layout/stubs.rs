//! Stubs: one dashed box per missing target, however many references point at it — a
//! design with fifty jobs using one service account that is not in the input shows one
//! "missing" box with fifty edges, not fifty boxes. Each stub is placed near the first
//! resource that needs it, on a free spot: on no node, title or other stub, and either
//! wholly inside that resource's frame or outside every frame.

use std::collections::BTreeMap;

use super::Rect;
use super::text::{self, Weight};
use crate::core::graph::{Dangling, EdgeKind};
use crate::core::model::{Form, Kind, ResourceId, kind_name};

/// Height of a stub.
pub const STUB_HEIGHT: f64 = 26.0;
/// Font size of a stub's text.
pub const STUB_TEXT: f64 = 11.0;
/// Narrowest and widest stub.
const STUB_WIDTH: (f64, f64) = (110.0, 240.0);
/// Space kept around a stub.
const STUB_GAP: f64 = 14.0;

/// A missing target and the resources that reference it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stub {
    /// Where it is drawn.
    pub rect: Rect,
    /// Its text as drawn (`missing: ServiceAccount flink`, fitted).
    pub text: String,
    /// What is missing, in full (`ServiceAccount flink in apps`).
    pub missing: String,
    /// The kind expected.
    pub kind: Kind,
    /// The name expected.
    pub name: String,
    /// The resources referencing it, in design order.
    pub from: Vec<ResourceId>,
    /// Each reference to it: the referencing resource, the edge's meaning and its field.
    pub refs: Vec<(ResourceId, EdgeKind, String)>,
}

/// The `kind` string of a kind in the first serialization that names it.
pub fn kind_word(kind: Kind) -> String {
    [Form::Kubernetes, Form::FkoCr, Form::CmfRest, Form::CfkCr, Form::Studio]
        .iter()
        .find_map(|f| kind_name(kind, *f))
        .map_or_else(|| format!("{kind:?}"), str::to_string)
}

/// The missing targets of `dangling` (those `keep` accepts), each with its referencers.
pub fn gather<'a>(
    dangling: impl IntoIterator<Item = &'a Dangling>,
    keep: impl Fn(&Dangling) -> bool,
) -> Vec<Stub> {
    type Refs = Vec<(ResourceId, EdgeKind, String)>;
    let mut by_target: BTreeMap<(Kind, String, Option<String>), Refs> = BTreeMap::new();
    let mut order = Vec::new();
    for d in dangling.into_iter().filter(|d| keep(d)) {
        let r = &d.reference;
        let kind = r.targets.first().copied().unwrap_or(Kind::Unknown);
        let scope = r.namespace.clone().or_else(|| r.environment.clone());
        let key = (kind, r.name.clone(), scope);
        let refs = by_target.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Vec::new()
        });
        refs.push((d.from, r.edge, r.field.clone()));
    }
    order
        .into_iter()
        .map(|key| {
            let (kind, name, scope) = key.clone();
            let word = kind_word(kind);
            let missing = match &scope {
                Some(s) if kind != Kind::Namespace => format!("{word} {name} in {s}"),
                _ => format!("{word} {name}"),
            };
            let full = format!("missing: {word} {name}");
            let width = (text::width(&full, STUB_TEXT, Weight::Regular) + 16.0)
                .clamp(STUB_WIDTH.0, STUB_WIDTH.1);
            let (fitted, _) = text::fit(&full, STUB_TEXT, Weight::Regular, width - 16.0);
            let refs = by_target.remove(&key).unwrap_or_default();
            let mut from: Vec<ResourceId> = Vec::new();
            for (id, _, _) in &refs {
                if !from.contains(id) {
                    from.push(*id);
                }
            }
            Stub {
                rect: Rect { x: 0.0, y: 0.0, width, height: STUB_HEIGHT },
                text: fitted,
                missing,
                kind,
                name,
                from,
                refs,
            }
        })
        .collect()
}

/// What a stub must keep clear of, and the frames it must not straddle.
pub struct Room<'a> {
    /// Rectangles nothing may overlap (nodes, titles).
    pub blocked: &'a [Rect],
    /// Frames: a stub lies wholly inside its referencer's one or outside all.
    pub frames: &'a [Rect],
}

/// Places each stub near `anchor(stub)` (its first referencer's node and frame index).
pub fn place(
    stubs: &mut [Stub],
    room: &Room<'_>,
    anchor: impl Fn(&Stub) -> Option<(Rect, Option<usize>)>,
) {
    let mut taken: Vec<Rect> = Vec::new();
    let everything = Rect::around(room.blocked.iter().chain(room.frames).copied());
    let mut spill = 0.0;
    for stub in stubs.iter_mut() {
        let (w, h) = (stub.rect.width, stub.rect.height);
        let spot = anchor(stub).and_then(|(near, frame)| {
            let home =
                frame.and_then(|f| room.frames.get(f)).filter(|_| stub.kind != Kind::Namespace);
            let ideal = (near.x + near.width / 2.0 - w / 2.0, near.y - 30.0 - h);
            let (sx, sy) = (w / 2.0 + STUB_GAP, h + 2.0 * STUB_GAP);
            let mut offsets: Vec<(i32, i32)> =
                (-6..=6).flat_map(|i| (-6..=6).map(move |j| (i, j))).collect();
            offsets.sort_by_key(|&(i, j)| (i.abs() + j.abs() * 2 + i32::from(j > 0), j, i));
            offsets
                .into_iter()
                .map(|(i, j)| Rect {
                    x: ideal.0 + f64::from(i) * sx,
                    y: ideal.1 + f64::from(j) * sy,
                    width: w,
                    height: h,
                })
                .find(|r| fits(r, home, room, &taken))
        });
        let rect = spot.unwrap_or_else(|| {
            let b = everything.unwrap_or(Rect { x: 0.0, y: 0.0, width: 0.0, height: 0.0 });
            let r = Rect { x: b.right() + 40.0, y: b.y + spill, width: w, height: h };
            spill += h + STUB_GAP;
            r
        });
        taken.push(rect);
        stub.rect = rect;
    }
}

fn fits(r: &Rect, home: Option<&Rect>, room: &Room<'_>, taken: &[Rect]) -> bool {
    let padded = super::route::inflate(r, STUB_GAP);
    if room.blocked.iter().chain(taken).any(|b| b.intersects(&padded)) {
        return false;
    }
    let inside_home = home.is_some_and(|f| {
        let body = Rect {
            x: f.x + 8.0,
            y: f.y + super::FRAME_HEADER,
            width: f.width - 16.0,
            height: f.height - super::FRAME_HEADER - 8.0,
        };
        body.contains(r)
    });
    room.frames.iter().all(|f| {
        let straddles = f.intersects(&padded);
        !straddles || (inside_home && home.is_some_and(|h| h == f))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::graph::{EdgeKind, Reference};

    fn dangling(from: u32, kind: &'static [Kind], name: &str, ns: Option<&str>) -> Dangling {
        Dangling {
            from: ResourceId(from),
            reference: Reference {
                edge: EdgeKind::ServiceAccount,
                field: "/spec/serviceAccount".into(),
                targets: kind,
                name: name.into(),
                namespace: ns.map(str::to_string),
                environment: None,
                catalog: None,
            },
        }
    }

    #[test]
    fn references_to_one_missing_target_share_one_stub() {
        let sa: &'static [Kind] = &[Kind::ServiceAccount];
        let all = [
            dangling(1, sa, "flink", Some("apps")),
            dangling(2, sa, "flink", Some("apps")),
            dangling(3, sa, "flink", Some("other")),
            dangling(2, &[Kind::Namespace], "nowhere", None),
        ];
        let stubs = gather(&all, |_| true);
        assert_eq!(stubs.len(), 3);
        assert_eq!(stubs[0].from, [ResourceId(1), ResourceId(2)]);
        assert_eq!(stubs[0].missing, "ServiceAccount flink in apps");
        assert_eq!(stubs[2].text, "missing: Namespace nowhere");
        assert_eq!(gather(&all, |d| d.from != ResourceId(3)).len(), 2);
    }

    #[test]
    fn stubs_land_on_free_space_inside_their_frame_or_outside_all() {
        let sa: &'static [Kind] = &[Kind::ServiceAccount];
        let all = [
            dangling(1, sa, "a", None),
            dangling(1, sa, "b", None),
            dangling(1, &[Kind::Namespace], "n", None),
        ];
        let mut stubs = gather(&all, |_| true);
        let node = Rect { x: 100.0, y: 300.0, width: 200.0, height: 64.0 };
        let frame = Rect { x: 50.0, y: 100.0, width: 600.0, height: 300.0 };
        let blocked = [node];
        let frames = [frame];
        place(&mut stubs, &Room { blocked: &blocked, frames: &frames }, |_| Some((node, Some(0))));
        for (i, s) in stubs.iter().enumerate() {
            assert!(!s.rect.intersects(&node), "{s:?}");
            for t in &stubs[i + 1..] {
                assert!(!s.rect.intersects(&t.rect));
            }
        }
        assert!(frame.contains(&stubs[0].rect) && frame.contains(&stubs[1].rect));
        assert!(!stubs[2].rect.intersects(&frame), "a missing namespace is no member of a frame");
    }
}

//! What a drawing reads from a design besides its graph and its positions, as one value a
//! canvas can compare: when an edit leaves it, the graph and the positions as they were
//! (a changed image, a configuration value), the scene drawn before still holds.

use std::collections::HashMap;

use super::group::{environment_namespaces, frame_of};
use crate::core::design::Design;
use crate::core::model::{Kind, ResourceId};

/// Per resource, in design order: what [`unrouted`](super::scene::unrouted) and
/// [`drawn`](super::scene::drawn) read of it — its kind (layers, shape, family), kind name
/// and name (the node's text, a namespace frame's title) and the frame it sits in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SceneInputs(Vec<(ResourceId, Kind, String, String, Option<String>)>);

/// The [`SceneInputs`] of `design`.
pub fn scene_inputs(design: &Design) -> SceneInputs {
    let namespaces: HashMap<String, String> = environment_namespaces(design);
    SceneInputs(
        design
            .resources
            .iter()
            .map(|r| {
                let frame = frame_of(r, &namespaces);
                (r.id, r.kind, r.kind_str().to_string(), r.name().to_string(), frame)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::design::Point;
    use crate::core::graph::Graph;
    use crate::core::layout::{self, SceneOptions};
    use crate::core::random_edits::{Rng, corpus_design, edit};

    /// The promise a canvas relies on: equal inputs, graph and positions draw the same
    /// scene, whatever else an edit changed. Some random edits keep all three (a value
    /// change), the others must show up in one of them.
    #[test]
    fn equal_inputs_graph_and_positions_draw_the_same_scene() {
        let mut design = corpus_design();
        let mut rng = Rng(0xd1a9);
        let options = SceneOptions::default();
        let (mut kept, mut changed) = (0, 0);
        let mut graph = Graph::build(&design);
        let mut positions = layout::positions(&design, &graph);
        let mut inputs = scene_inputs(&design);
        let mut scene = layout::scene(&design, &graph, &positions, options);
        for step in 0..60 {
            edit(&mut design, &mut rng);
            let g = Graph::build(&design);
            // Positions as the canvas keeps them: the previous ones, a new resource placed
            // beside the others (a moved node changes positions, not inputs: left out).
            for (k, r) in design.resources.iter().enumerate() {
                let beside = Point { x: 4000.0 + 300.0 * k as f64, y: 0.0 };
                positions.entry(r.id).or_insert(beside);
            }
            positions.retain(|id, _| design.resources.iter().any(|r| r.id == *id));
            let now = scene_inputs(&design);
            let drawn = layout::scene(&design, &g, &positions, options);
            if now == inputs && g.same_as(&graph) {
                kept += 1;
                assert_eq!(drawn, scene, "step {step}: same inputs, another drawing");
            } else {
                changed += 1;
            }
            (graph, inputs, scene) = (g, now, drawn);
        }
        assert!(
            kept >= 5 && changed >= 5,
            "kept {kept}, changed {changed}: the edits test both ways"
        );
    }
}

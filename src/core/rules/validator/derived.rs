//! What the validator re-derives before re-running rules: effective configurations
//! (only those whose inputs changed), whether the graph changed, and finding locations.

use std::collections::HashMap;
use std::sync::Arc;

use super::changes::Changes;
use crate::core::config::{ConfigInputs, ConfigSource, EffectiveConfig, is_job_bearing};
use crate::core::design::Design;
use crate::core::finding::Finding;
use crate::core::graph::Graph;
use crate::core::model::{Kind, ResourceId};
use crate::core::rules::KindSet;

/// Recomputes the configurations whose inputs changed; records which changed.
pub fn update_configs(
    design: &Design,
    graph: &Graph,
    cache: &mut HashMap<ResourceId, (Vec<Arc<EffectiveConfig>>, ConfigInputs)>,
    ch: &mut Changes,
) -> (Vec<Arc<EffectiveConfig>>, usize) {
    let source = ConfigSource::new(design, graph);
    let operators: Vec<ResourceId> = design.of_kind(Kind::FkoInstall).map(|r| r.id).collect();
    let mut recomputed = 0;
    let mut list = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in design.resources.iter().filter(|r| is_job_bearing(r)) {
        seen.insert(r.id);
        let stale = match cache.get(&r.id) {
            None => true,
            // What a configuration reads through the graph is its resource's targets and
            // theirs (`inputs.resources`), and the operators: it holds unless one of
            // them changed or resolves its references differently.
            Some((_, inputs)) => {
                let changed = |id: &ResourceId| ch.ids.contains(id) || ch.graph_ids.contains(id);
                changed(&r.id)
                    || inputs.resources.iter().any(changed)
                    || (inputs.operators
                        && (ch.kinds.intersects(operator_kind()) || operators.iter().any(changed)))
            }
        };
        if stale {
            recomputed += 1;
            let (c, inputs) = source.configs_of(r);
            let c: Vec<Arc<EffectiveConfig>> = c.into_iter().map(Arc::new).collect();
            if cache.get(&r.id).is_none_or(|(old, _)| *old != c) {
                ch.configs.insert(r.id);
            }
            cache.insert(r.id, (c, inputs));
        }
        list.extend(cache[&r.id].0.iter().cloned());
    }
    cache.retain(|id, _| {
        let keep = seen.contains(id);
        if !keep {
            ch.configs.insert(*id);
        }
        keep
    });
    (list, recomputed)
}

fn operator_kind() -> KindSet {
    let mut set = KindSet::default();
    set.insert(Kind::FkoInstall);
    set
}

/// Re-reads file and line of findings from the current resources (origins are not
/// fingerprinted).
pub fn relocate(design: &Design, findings: &mut [Finding]) {
    let index: HashMap<ResourceId, usize> =
        design.resources.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for f in findings {
        let Some(r) = f.resource_id.and_then(|id| index.get(&id)).map(|i| &design.resources[*i])
        else {
            continue;
        };
        let (file, line) = r.location(&f.pointer);
        f.file = file.map(str::to_string);
        f.line = line;
    }
}

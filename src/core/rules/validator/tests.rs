//! The validator's invariant: after any sequence of edits it returns exactly what a full
//! validation returns, on a design and edits from `core::random_edits`.

use super::*;
use crate::core::design::Point;
use crate::core::generate;
use crate::core::random_edits::{Rng, corpus_design, edit};
use crate::core::rules::validate;

#[test]
fn random_edits_match_full_validation() {
    // Seeds 14 and 10 add a subject to a rule that walks twice within 80 steps.
    for seed in [0x5eed, 14, 10] {
        random_edits_from(seed);
    }
}

fn random_edits_from(seed: u64) {
    let mut design = corpus_design();
    let targets = Targets::default();
    let mut validator = Validator::new();
    let mut rng = Rng(seed);
    assert_eq!(*validator.run(&design, targets), validate(&design, targets));
    for step in 0..80 {
        edit(&mut design, &mut rng);
        let incremental = validator.run(&design, targets);
        let full = validate(&design, targets);
        if *incremental != full {
            let a: Vec<_> = incremental.iter().filter(|f| !full.contains(f)).collect();
            let b: Vec<_> = full.iter().filter(|f| !incremental.contains(f)).collect();
            panic!(
                "seed {seed}, step {step}: incremental and full validation differ\nonly incremental: {a:#?}\nonly full: {b:#?}"
            );
        }
    }
}

#[test]
fn a_move_changes_no_finding() {
    let mut design = generate::design(60);
    let mut validator = Validator::new();
    let first = validator.run(&design, Targets::default());
    let id = design.resources[3].id;
    design.layout.insert(id, Point { x: 10.0, y: 20.0 });
    let second = validator.run(&design, Targets::default());
    assert_eq!(*first, *second);
    assert_eq!(*second, validate(&design, Targets::default()));
}

#[test]
fn rules_that_walk_subjects_report_only_on_the_visited_subject() {
    let design = corpus_design();
    let graph = Arc::new(Graph::build(&design));
    let configs = crate::core::config::effective_configs(&design, &graph, &Targets::default());
    let configs = configs.into_iter().map(Arc::new).collect();
    let mut cx = Context::from_parts(&design, Targets::default(), graph, configs);
    let mut walkers = 0;
    for rule in all() {
        let cache = run_full(&mut cx, rule);
        if cache.reads.walks == 1 {
            walkers += 1;
            assert!(cache.separable, "{} reports outside the subject it visits", rule.id());
        }
    }
    assert!(walkers >= 80, "only {walkers} rules walk subjects");
}

#[test]
fn the_shared_graph_is_the_graph_of_the_validated_design() {
    let mut design = generate::design(60);
    let mut validator = Validator::new();
    assert!(validator.graph().is_none(), "no graph before the first run");
    validator.run(&design, Targets::default());
    let removed = design.resources[5].id;
    design.remove(removed);
    validator.run(&design, Targets::default());
    let shared = validator.graph().expect("a graph after a run");
    assert!(shared.same_as(&Graph::build(&design)));
}

#[test]
fn a_rename_re_derives_only_what_reads_the_renamed_resource() {
    let mut design = generate::design(400);
    let targets = Targets::default();
    let mut validator = Validator::new();
    validator.run(&design, targets);
    let jobs = design.resources.iter().filter(|r| is_job_bearing(r)).count();
    let pool = design.resources.iter().position(|r| r.kind == Kind::ComputePool).expect("a pool");
    design.resources[pool].doc["metadata"]["name"] = serde_json::json!("renamed-pool");
    let incremental = validator.run(&design, targets);
    assert_eq!(*incremental, validate(&design, targets));
    let recomputed = validator.stats().configs_recomputed;
    assert!(
        recomputed * 10 < jobs,
        "a pool's rename changed the graph: {recomputed} of {jobs} configurations re-derived"
    );
}

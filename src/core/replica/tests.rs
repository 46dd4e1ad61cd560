//! The replica follows the design through any edits, and the service behind it answers
//! exactly what a full validation of the design answers.

use serde_json::json;

use super::*;
use crate::core::design::Point;
use crate::core::generate;
use crate::core::random_edits::{Rng, corpus_design, edit};
use crate::core::rules::validate;
use crate::core::targets::Targets;

/// Sends `delta` through JSON, as `postMessage` carries it.
fn over_the_wire(delta: Delta) -> Delta {
    serde_json::from_str(&serde_json::to_string(&delta).expect("serializes")).expect("parses")
}

#[test]
fn replica_follows_random_edits() {
    let mut design = corpus_design();
    let (mut replicator, mut replica) = (Replicator::new(), Replica::new());
    let mut rng = Rng(0xfeed);
    for step in 0..120 {
        if let Some(delta) = replicator.delta(&design) {
            replica.apply(over_the_wire(delta)).expect("in step");
        }
        assert!(
            replica.design().resources == design.resources,
            "step {step}: the replica differs from the design"
        );
        edit(&mut design, &mut rng);
    }
}

#[test]
fn a_move_or_a_note_sends_nothing_and_an_edit_sends_one_resource() {
    let mut design = generate::design(200);
    let mut replicator = Replicator::new();
    let first = replicator.delta(&design).expect("first delta");
    assert!(first.reset);
    assert_eq!(first.upserts.len(), design.resources.len());
    let id = design.resources[7].id;
    design.layout.insert(id, Point { x: 1.0, y: 2.0 });
    design.notes.insert(id, "why".into());
    assert_eq!(replicator.delta(&design), None, "layout and notes are not validated");
    design.resources[7].doc["metadata"]["labels"] = json!({"team": "payments"});
    let delta = replicator.delta(&design).expect("an edit");
    assert!(!delta.reset);
    assert_eq!(delta.upserts.iter().map(|w| w.id).collect::<Vec<_>>(), vec![id]);
    assert!(delta.removed.is_empty() && delta.order.is_none());
    let gone = design.resources.remove(3).id;
    let delta = replicator.delta(&design).expect("a removal");
    assert_eq!(delta.removed, vec![gone]);
    assert_eq!(delta.order.map(|o| o.len()), Some(design.resources.len()));
}

#[test]
fn a_delta_that_misses_an_earlier_one_is_refused_and_a_reset_recovers() {
    let mut design = generate::design(20);
    let mut replicator = Replicator::new();
    let mut replica = Replica::new();
    replica.apply(replicator.delta(&design).expect("first")).expect("in step");
    let copy = design.resources[2].clone();
    design.push(copy);
    let lost = replicator.delta(&design).expect("an addition");
    design.resources[0].doc["metadata"]["name"] = json!("renamed");
    let next = replicator.delta(&design).expect("an edit");
    drop(lost);
    let err = replica.apply(next).expect_err("the addition was lost");
    assert!(err.to_string().contains("out of step"), "{err}");
    replicator.restart();
    replica.apply(replicator.delta(&design).expect("a reset")).expect("in step");
    assert!(replica.design().resources == design.resources);
}

#[test]
fn the_service_answers_what_a_full_validation_answers() {
    let mut design = corpus_design();
    let mut replicator = Replicator::new();
    let mut service = ValidationService::new();
    let mut rng = Rng(0xabc);
    let mut shown = Vec::new();
    let mut deltas = 0;
    for seq in 1..=40 {
        if let Some(delta) = replicator.delta(&design) {
            let request = serde_json::to_string(&Request { seq, delta: Some(delta), save: None })
                .expect("serializes");
            let mut reply: Reply =
                serde_json::from_str(&service.handle_json(&request)).expect("a reply");
            assert_eq!((reply.seq, &reply.error), (seq, &None));
            if let Some(delta) = reply.delta() {
                let delta = delta.expect("a readable delta");
                shown = delta.apply(&shown).expect("the delta fits what the page shows");
                deltas += 1;
            } else if let Some(pairs) = reply.findings {
                shown = findings_of(pairs);
            }
        }
        let full = validate(&design, Targets::of(&design, design.targets));
        assert!(shown == full, "request {seq}: the worker's findings differ");
        assert!(
            shown.iter().zip(&full).all(|(a, b)| a.resource_id == b.resource_id),
            "request {seq}: resource ids lost on the way"
        );
        edit(&mut design, &mut rng);
    }
    // Edits that change a few findings send those only.
    assert!(deltas >= 10, "only {deltas} of 40 replies carried the changed findings alone");
}

#[test]
fn an_unreadable_request_gets_an_error_reply() {
    let mut service = ValidationService::new();
    let reply: Reply = serde_json::from_str(&service.handle_json("{not json")).expect("a reply");
    assert_eq!(reply.findings, None);
    assert!(reply.error.is_some_and(|e| e.contains("could not be read")));
}

#[test]
fn replica_saves_the_design_file_of_the_page() {
    let mut design = corpus_design();
    let mut replicator = Replicator::new();
    let mut service = ValidationService::new();
    let mut rng = Rng(0x5a7e);
    for seq in 1..=60 {
        let id = design.resources[seq as usize % design.resources.len()].id;
        match seq % 4 {
            0 => drop(design.layout.insert(id, Point { x: seq as f64, y: -1.5 })),
            1 => drop(design.notes.insert(id, format!("note {seq}"))),
            2 => drop(design.layout.remove(&id)),
            _ => edit(&mut design, &mut rng),
        }
        if seq == 30 {
            // The worker lost its copy: both replications start over.
            replicator.restart();
            service = ValidationService::new();
        }
        let delta = replicator.delta(&design);
        let save = SaveOrder {
            revision: seq,
            name: "team".into(),
            keep_secrets: true,
            studio: replicator.studio_delta(&design),
        };
        let text = serde_json::to_string(&Request { seq, delta, save: Some(save) }).unwrap();
        let received = service.receive_json(&text).expect("readable");
        let (revision, record) = received.save.expect("a save");
        assert_eq!(revision, seq);
        let page =
            serde_json::to_string(&crate::core::design_file::document(&design, "team")).unwrap();
        assert!(record.design == page, "step {seq}: the worker saved another design");
    }
}

#[test]
fn a_save_alone_is_not_validated() {
    let design = generate::design(20);
    let mut replicator = Replicator::new();
    let mut service = ValidationService::new();
    let first = Request { seq: 1, delta: replicator.delta(&design), save: None };
    assert!(service.receive(first).validate);
    let save = SaveOrder {
        revision: 7,
        name: "x".into(),
        keep_secrets: false,
        studio: replicator.studio_delta(&design),
    };
    let received =
        service.receive(Request { seq: 2, delta: replicator.delta(&design), save: Some(save) });
    assert!(!received.validate);
    assert_eq!(received.save.map(|(r, rec)| (r, rec.secrets_kept)), Some((7, false)));
    let notice = Notice::Saved(Saved {
        revision: 7,
        error: None,
        forgotten: 2,
        write_ms: 1.0,
        stored_ms: 2.0,
    });
    assert!(serde_json::to_string(&notice).unwrap().starts_with(Notice::PREFIX));
}

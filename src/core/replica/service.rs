//! The validation service behind the studio's worker: it keeps a [`Replica`] of the
//! design and an incremental [`Validator`], and answers each [`Request`] (a delta) with
//! a [`Reply`] (the findings, when they changed). Pure: the worker only moves JSON text
//! in and out ([`ValidationService::handle_json`]).
//!
//! A request may also carry a [`SaveOrder`]: the worker then writes the design file
//! (`core::autosave`, secret values left out unless kept) before it validates, and tells
//! the page how that went with a [`Notice`] (`{"saved": …}`), sent when the browser's
//! storage has it. A request may carry a save order alone (`delta` absent: nothing a rule
//! reads changed, e.g. after a move); it is answered without validating.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Delta, FindingsDelta, Replica, StudioDelta};
use crate::core::autosave::{self, Record};
use crate::core::finding::Finding;
use crate::core::model::ResourceId;
use crate::core::rules::Validator;
use crate::core::targets::Targets;

/// A request to the validation service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Sequence number, echoed in the reply.
    pub seq: u64,
    /// What changed since the previous request; absent when nothing a rule reads did
    /// (the request then only saves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<Delta>,
    /// Save the design (after applying `delta`, before validating).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save: Option<SaveOrder>,
}

/// Save the design as it is after the request's delta.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveOrder {
    /// The page's save revision, echoed in the [`Notice`].
    pub revision: u64,
    /// The design's name.
    pub name: String,
    /// Keep secret values (the user opted in); otherwise they are stored empty.
    pub keep_secrets: bool,
    /// Positions and notes that changed since the previous save order.
    pub studio: StudioDelta,
}

/// What a request asked for once its changes are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The request's sequence number.
    pub seq: u64,
    /// Why the request could not be applied (the sender restarts with a reset).
    pub error: Option<String>,
    /// The save revision and the design to store, when the request asked for a save.
    pub save: Option<(u64, Record)>,
    /// Whether the design's resources changed: [`ValidationService::validate`] next.
    pub validate: bool,
}

/// How a save went, sent by the worker when the browser's storage answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The [`SaveOrder::revision`] saved (or not).
    pub revision: u64,
    /// Why the browser refused it (storage full or unavailable), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Secret values left out of the stored copy.
    pub forgotten: usize,
    /// Milliseconds the worker spent writing the design file.
    pub write_ms: f64,
    /// Milliseconds until the browser's storage had it.
    pub stored_ms: f64,
}

/// A message of the worker that answers no request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Notice {
    /// A save order was carried out (JSON: `{"saved": {…}}`).
    Saved(Saved),
}

impl Notice {
    /// The JSON prefix that tells a notice from a [`Reply`].
    pub const PREFIX: &'static str = "{\"saved\"";
}

/// The answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The request's sequence number (0 when the request could not be read).
    pub seq: u64,
    /// The findings with the id of the resource each is about, sorted like
    /// [`rules::validate`](crate::core::rules::validate); `None` when they are the same
    /// as in the previous reply.
    pub findings: Option<Vec<(Option<ResourceId>, Finding)>>,
    /// When few findings changed: `findings` holds only the added ones, and this says how
    /// to turn the findings of the previous reply into the new ones
    /// ([`FindingsDelta::text`]; [`Reply::delta`] reads it back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<String>,
    /// What went wrong: the request was unreadable or out of step. The sender restarts
    /// with a reset (`Replicator::restart`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What the validator recomputed (for `?trace=1`).
    #[serde(default)]
    pub stats: String,
}

impl Reply {
    /// The findings delta the reply carries, if any (`changes` with `findings`).
    pub fn delta(&mut self) -> Option<Result<FindingsDelta, String>> {
        let text = self.changes.take()?;
        Some(FindingsDelta::read(&text, self.findings.take().unwrap_or_default()))
    }
}

/// The replica and validator of the worker.
#[derive(Default)]
pub struct ValidationService {
    replica: Replica,
    validator: Validator,
    /// Writes the stored design, remembering unchanged resources' manifests.
    writer: autosave::Writer,
    last: Option<Arc<Vec<Finding>>>,
}

impl ValidationService {
    /// A service holding an empty design.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies the request's changes and builds the design to store if it asks for a
    /// save; validation is [`ValidationService::validate`]'s (the worker stores first).
    pub fn receive(&mut self, request: Request) -> Received {
        let seq = request.seq;
        let validate = request.delta.is_some();
        if let Some(delta) = &request.delta {
            if delta.reset {
                self.writer.clear();
                // The page starts again: so do its findings.
                self.last = None;
            } else {
                self.writer.changed(delta.upserts.iter().map(|w| w.id));
                self.writer.changed(delta.removed.iter().copied());
            }
        }
        if let Some(delta) = request.delta
            && let Err(e) = self.replica.apply(delta)
        {
            self.writer.clear();
            self.last = None;
            return Received { seq, error: Some(e.to_string()), save: None, validate: false };
        }
        let save = request.save.map(|order| {
            self.replica.apply_studio(order.studio);
            let record = self.writer.record(self.replica.design(), &order.name, order.keep_secrets);
            (order.revision, record)
        });
        Received { seq, error: None, save, validate }
    }

    /// What [`ValidationService::receive`] leads to when there is nothing to validate
    /// (or it failed): the reply to send.
    pub fn unvalidated(received: &Received) -> Reply {
        Reply {
            seq: received.seq,
            findings: None,
            changes: None,
            error: received.error.clone(),
            stats: String::new(),
        }
    }

    /// Applies the request's delta and validates (a save order is applied, its design
    /// dropped: the worker uses [`ValidationService::receive`] to store it).
    pub fn handle(&mut self, request: Request) -> Reply {
        let received = self.receive(request);
        if received.validate { self.validate(received.seq) } else { Self::unvalidated(&received) }
    }

    /// Validates the replica; `seq` is echoed.
    pub fn validate(&mut self, seq: u64) -> Reply {
        let design = self.replica.design();
        let findings = self.validator.run(design, Targets::of(design, design.targets));
        let stats = format!("{:?}", self.validator.stats());
        if self
            .last
            .as_ref()
            .is_some_and(|last| Arc::ptr_eq(last, &findings) || **last == *findings)
        {
            return Reply { seq, findings: None, changes: None, error: None, stats };
        }
        let changes = self.last.as_ref().map(|last| FindingsDelta::between(last, &findings));
        self.last = Some(findings.clone());
        // A delta that adds most findings again is no shorter than the list.
        if let Some(changes) = changes.filter(|c| c.added.len() * 2 < findings.len()) {
            let text = Some(changes.text());
            return Reply { seq, findings: Some(changes.added), changes: text, error: None, stats };
        }
        let out = findings.iter().map(|f| (f.resource_id, f.clone())).collect();
        Reply { seq, findings: Some(out), changes: None, error: None, stats }
    }

    /// [`handle`](Self::handle) for JSON text in and out; an unreadable request gets a
    /// reply whose `error` says why.
    pub fn handle_json(&mut self, request: &str) -> String {
        let reply = match self.receive_json(request) {
            Ok(r) if r.validate => self.validate(r.seq),
            Ok(r) => Self::unvalidated(&r),
            Err(reply) => reply,
        };
        reply_json(&reply)
    }

    /// [`receive`](Self::receive) for JSON text; an unreadable request gives the reply
    /// that says why.
    pub fn receive_json(&mut self, request: &str) -> Result<Received, Reply> {
        match serde_json::from_str::<Request>(request) {
            Ok(r) => Ok(self.receive(r)),
            Err(e) => {
                self.last = None;
                Err(Reply {
                    seq: 0,
                    findings: None,
                    changes: None,
                    error: Some(format!("the validation request could not be read: {e}")),
                    stats: String::new(),
                })
            }
        }
    }
}

/// A reply as JSON text.
pub fn reply_json(reply: &Reply) -> String {
    serde_json::to_string(reply).unwrap_or_else(|e| {
        let error = format!("the validation reply could not be written: {e}");
        serde_json::json!({ "seq": reply.seq, "findings": null, "error": error }).to_string()
    })
}

/// Restores findings from a reply: each [`Finding`] gets back its resource id.
pub fn findings_of(pairs: Vec<(Option<ResourceId>, Finding)>) -> Vec<Finding> {
    pairs
        .into_iter()
        .map(|(id, mut f)| {
            f.resource_id = id;
            f
        })
        .collect()
}

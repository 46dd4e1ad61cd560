//! The validation service behind the studio's worker: it keeps a [`Replica`] of the
//! design and an incremental [`Validator`], and answers each [`Request`] (a delta) with
//! a [`Reply`] (the findings, when they changed). Pure: the worker only moves JSON text
//! in and out ([`ValidationService::handle_json`]).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Delta, Replica};
use crate::core::finding::Finding;
use crate::core::model::ResourceId;
use crate::core::rules::Validator;
use crate::core::targets::Targets;

/// A request to the validation service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Sequence number, echoed in the reply.
    pub seq: u64,
    /// What changed since the previous request.
    pub delta: Delta,
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
    /// What went wrong: the request was unreadable or out of step. The sender restarts
    /// with a reset (`Replicator::restart`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What the validator recomputed (for `?trace=1`).
    #[serde(default)]
    pub stats: String,
}

/// The replica and validator of the worker.
#[derive(Default)]
pub struct ValidationService {
    replica: Replica,
    validator: Validator,
    last: Option<Arc<Vec<Finding>>>,
}

impl ValidationService {
    /// A service holding an empty design.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies the request's delta and validates.
    pub fn handle(&mut self, request: Request) -> Reply {
        let seq = request.seq;
        if let Err(e) = self.replica.apply(request.delta) {
            self.last = None;
            return Reply { seq, findings: None, error: Some(e.to_string()), stats: String::new() };
        }
        let design = self.replica.design();
        let findings = self.validator.run(design, Targets::of(design, design.targets));
        let stats = format!("{:?}", self.validator.stats());
        if self
            .last
            .as_ref()
            .is_some_and(|last| Arc::ptr_eq(last, &findings) || **last == *findings)
        {
            return Reply { seq, findings: None, error: None, stats };
        }
        let out = findings.iter().map(|f| (f.resource_id, f.clone())).collect();
        self.last = Some(findings);
        Reply { seq, findings: Some(out), error: None, stats }
    }

    /// [`handle`](Self::handle) for JSON text in and out; an unreadable request gets a
    /// reply whose `error` says why.
    pub fn handle_json(&mut self, request: &str) -> String {
        let reply = match serde_json::from_str::<Request>(request) {
            Ok(r) => self.handle(r),
            Err(e) => {
                self.last = None;
                Reply {
                    seq: 0,
                    findings: None,
                    error: Some(format!("the validation request could not be read: {e}")),
                    stats: String::new(),
                }
            }
        };
        serde_json::to_string(&reply).unwrap_or_else(|e| {
            let error = format!("the validation reply could not be written: {e}");
            serde_json::json!({ "seq": reply.seq, "findings": null, "error": error }).to_string()
        })
    }
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

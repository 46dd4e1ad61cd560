//! CFK-ORDER-001 — CFK CRs in dependency order.
//!
//! What it checks: in the design's document order, a CFK CR appears before a CR it
//! depends on (CMFRestClass → FlinkEnvironment → FlinkSecret → secret mapping →
//! catalog → database → compute pool → statement; applications after environments).
//! Reported once, on the first CR out of order.
//! Why: `kubectl apply -f` of one file applies in order; dependants fail their first
//! reconciliation (and deletion must go in reverse order, the CMFRestClass last).
//! How to fix: reorder the documents, or let the studio export them in dependency order.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::shared::cfk_crs;

/// See the module documentation.
pub struct ApplyOrder;

/// Rank of a CFK kind in apply order.
pub fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::CmfRestClass => 0,
        Kind::Environment => 1,
        Kind::CmfSecret => 2,
        Kind::SecretMapping => 3,
        Kind::KafkaCatalog => 4,
        Kind::KafkaDatabase => 5,
        Kind::ComputePool => 6,
        Kind::Statement | Kind::Application => 7,
        _ => 8,
    }
}

impl Rule for ApplyOrder {
    fn id(&self) -> &'static str {
        "CFK-ORDER-001"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "CFK CRs should be applied in dependency order and deleted in reverse"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut highest: Option<(u8, &str)> = None;
        for r in cfk_crs(cx) {
            let k = rank(r.kind);
            if let Some((h, kind)) = highest
                && k < h
            {
                out.report(r, "/kind", format!("{} comes after a {kind} that depends on it", r.kind_str()))
                    .hint("apply CMFRestClass → FlinkEnvironment → FlinkSecret → FlinkEnvironmentSecretMapping → catalogs → databases → pools → statements/applications; delete in reverse");
                return;
            }
            if highest.is_none_or(|(h, _)| k > h) {
                highest = Some((k, r.kind_str()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const RC: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {name: default}\n";
    const ENV: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\nmetadata: {name: env1}\n";

    #[test]
    fn fires_on_the_first_out_of_order_cr() {
        let f = check(&ApplyOrder, &format!("{ENV}---\n{RC}"));
        assert_eq!(pointers(&f), [("/kind".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_in_order() {
        assert!(check(&ApplyOrder, &format!("{RC}---\n{ENV}")).is_empty());
    }
}

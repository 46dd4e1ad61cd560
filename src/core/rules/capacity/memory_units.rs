//! CAP-005 — memory values whose unit reads differently than intended.
//!
//! What it checks: `resource.memory` values that are odd in Flink's reading: a MiB value just
//! off a round GiB (`1048m` = 1048 MiB, probably meant `1024m`), or a decimal-looking
//! Kubernetes suffix (`2G`, `512M`) that Flink reads as binary GiB/MiB.
//! Why: FKO parses the value with Flink's `MemorySize` first (`m` = MiB, `g`/`G` = GiB) and
//! only then as a Kubernetes quantity, so the pod gets a different size than the author
//! expected.
//! How to fix: write a round binary size (`1024m`, `2g`) or an explicit `Mi`/`Gi` quantity.

use crate::core::finding::Severity;
use crate::core::flink::quantity::{self, MemoryUnit};
use crate::core::podtemplate::Role;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct MemoryUnits;

/// The note for a memory string, if it reads oddly.
fn note(text: &str) -> Option<String> {
    let t = text.trim();
    let m = quantity::memory(t)?;
    if m.unit != MemoryUnit::Flink {
        return None;
    }
    let (number, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit())?);
    let n: u64 = number.parse().ok()?;
    match unit.trim() {
        "m" | "M" | "mb" | "MB" => {
            let round = ((n + 512) / 1024).max(1) * 1024;
            if unit.trim() == "M" {
                Some(format!("{t} = {n} MiB to Flink (binary), not {n}·10^6 bytes"))
            } else if !n.is_multiple_of(256) && n.abs_diff(round) * 20 <= round {
                Some(format!("{t} = {n} MiB (did you mean {round}m?)"))
            } else {
                None
            }
        }
        "G" | "K" | "T" => {
            Some(format!("{t} = {n} {}iB to Flink (binary), not decimal", unit.trim()))
        }
        _ => None,
    }
}

impl Rule for MemoryUnits {
    fn id(&self) -> &'static str {
        "CAP-005"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Memory values are read by Flink first (m = MiB, G = GiB); odd values are flagged"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                for role in Role::BOTH {
                    let path = [role.spec_key(), "resource", "memory"];
                    if let Some(message) = site.str(&path).and_then(note) {
                        out.report(r, &site.field(&path), message).hint(
                            "write a round binary size (1024m, 2g) or an explicit Mi/Gi quantity",
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn flags_near_round_values_and_decimal_suffixes() {
        let f = check(
            &MemoryUnits,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec:\n  \
             jobManager: {resource: {memory: 1048m}}\n  taskManager: {resource: {memory: 2G}}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/jobManager/resource/memory".into(), Severity::Info),
                ("/spec/taskManager/resource/memory".into(), Severity::Info)
            ]
        );
        assert_eq!(f[0].message, "1048m = 1048 MiB (did you mean 1024m?)");
        assert_eq!(f[1].line, Some(6));
    }

    #[test]
    fn silent_on_usual_values() {
        for v in ["1024m", "2048m", "1536m", "2g", "1Gi", "1600m"] {
            assert_eq!(note(v), None, "{v}");
        }
    }
}

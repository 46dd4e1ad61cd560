//! Change scenarios: for each good template, the template as deployed (the baseline) and a
//! change to it that loses state, risks it, or is refused — what the change review
//! teaches. A change is a list of text edits to the template, so the template stays the
//! one source of both sides.

use super::{Template, by_id};
use crate::core::design::Design;
use crate::core::finding::Finding;
use crate::core::review::Baseline;

/// One change scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    /// Stable id (`ha-application-change`).
    pub id: &'static str,
    /// Id of the template that is deployed.
    pub template: &'static str,
    /// Title shown in the template picker.
    pub title: &'static str,
    /// What changes and what to look for in the review.
    pub description: &'static str,
    /// Text edits (each replaces exactly one occurrence) that make the new design.
    pub edits: &'static [(&'static str, &'static str)],
    /// Spec-change rule ids the review raises.
    pub teaches: &'static [&'static str],
}

impl Scenario {
    /// The deployed template.
    pub fn base(&self) -> &'static Template {
        by_id(self.template).expect("a scenario names a shipped template")
    }

    /// The changed text (the template with the edits applied).
    pub fn text(&self) -> String {
        self.edits
            .iter()
            .fold(self.base().text.to_string(), |t, (from, to)| t.replacen(from, to, 1))
    }

    /// The baseline: the template as deployed.
    pub fn baseline(&self) -> Baseline {
        let (design, _) = self.base().design();
        Baseline::from_design(design, format!("{} (deployed)", self.base().file_name()))
    }

    /// The changed design (complete, like its template).
    pub fn design(&self) -> (Design, Vec<Finding>) {
        let mut design = Design::new();
        let name = self.base().file_name();
        let (_, findings) = crate::core::design_file::import_any(&mut design, name, &self.text());
        design.assign_scopes(None, None);
        design.targets.complete = true;
        (design, findings)
    }
}

/// Every change scenario, one per good template.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        id: "ha-application-change",
        template: "ha-application",
        title: "Change: new image and upgradeMode stateless (loses state)",
        description: "The HA application gets a new image, and someone sets upgradeMode: \
            stateless in the same change. The operator suspends and restores by the new \
            mode: the job restarts from empty state although its checkpoints are on the \
            shared volume. The review shows the safe sequence: apply the image with last-state, \
            then change the mode alone.",
        edits: &[
            ("upgradeMode: last-state", "upgradeMode: stateless"),
            ("image: flink:1.20", "image: flink:1.20.3"),
        ],
        teaches: &["FKO-CHG-006"],
    },
    Scenario {
        id: "session-cluster-change",
        template: "session-cluster",
        title: "Change: upgrade the session cluster and its job together (jobs lost)",
        description: "The session cluster moves to a new image and its session job gets more \
            parallelism in the same apply. The operator redeploys the session cluster; \
            without high availability its session jobs go with it, and changing both at once \
            can lose or duplicate jobs. The review shows the two-phase sequence.",
        edits: &[
            ("image: flink:1.20", "image: flink:1.20.3"),
            ("parallelism: 2", "parallelism: 4"),
        ],
        teaches: &["FKO-CHG-011", "FKO-CHG-012"],
    },
    Scenario {
        id: "flink-sql-change",
        template: "flink-sql",
        title: "Change: edit a running statement's SQL (rejected)",
        description: "The statement's filter changes from amount > 1000 to amount > 5000. A \
            statement's SQL is immutable: CMF rejects the update. The review shows how to \
            stop it with a savepoint and start the new SQL as a new statement from it.",
        edits: &[("WHERE amount > 1000", "WHERE amount > 5000")],
        teaches: &["CMF-CHG-002"],
    },
    Scenario {
        id: "confluent-platform-change",
        template: "confluent-platform",
        title: "Change: move the application from Flink 1.19 to 2.1 (state at risk)",
        description: "The FlinkApplication moves to Flink 2.1. The upgrade takes a savepoint \
            and restores it on the new version, but state serialized with Kryo or as POJOs \
            with collections does not restore across a major version, and the savepoint \
            cannot go back to 1.19. The review says what to try in staging first.",
        edits: &[
            ("image: confluentinc/cp-flink:1.19.3-cp2", "image: confluentinc/cp-flink:2.1.1-cp1"),
            ("flinkVersion: v1_19", "flinkVersion: v2_1"),
        ],
        teaches: &["FKO-CHG-010"],
    },
    Scenario {
        id: "cmf-artifacts-change",
        template: "cmf-artifacts",
        title: "Change: filter the scheduled statement's INSERT (rejected)",
        description: "The INSERT that converts orders to euros gets a WHERE clause. A \
            statement's SQL is immutable: CMF rejects the update, and the statement's \
            scheduled savepoints keep being taken of the old query. The review shows how to \
            stop it with a savepoint and start the new SQL as a new statement from it.",
        edits: &[(
            "FROM `kafka-cat`.`orders`.`orders`;",
            "FROM `kafka-cat`.`orders`.`orders` WHERE amount > 0;",
        )],
        teaches: &["CMF-CHG-002"],
    },
    Scenario {
        id: "minio-application-change",
        template: "minio-application",
        title: "Change: new jar from MinIO and upgradeMode stateless (loses state)",
        description: "The job moves to clickstream-1.1.jar and, in the same change, someone \
            sets upgradeMode: stateless to make the rollout \"simpler\". The operator suspends \
            and starts the new jar by the new mode: the job starts from empty state although \
            its checkpoints are safe in MinIO. The review shows the safe sequence: roll out \
            the jar with last-state, then change the mode on its own if at all.",
        edits: &[
            (
                "jarURI: s3://flink-jars/clickstream-1.0.jar",
                "jarURI: s3://flink-jars/clickstream-1.1.jar",
            ),
            ("upgradeMode: last-state", "upgradeMode: stateless"),
        ],
        teaches: &["FKO-CHG-006"],
    },
];

/// The scenario with this id.
pub fn scenario_by_id(id: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Severity;
    use crate::core::review::review;
    use crate::core::rules;
    use crate::core::targets::Targets;

    #[test]
    fn every_good_template_has_a_scenario_whose_edits_apply_once() {
        for t in super::super::TEMPLATES.iter().filter(|t| !t.is_broken()) {
            let s = SCENARIOS.iter().find(|s| s.template == t.id);
            let s = s.unwrap_or_else(|| panic!("template {} has no change scenario", t.id));
            for (from, _) in s.edits {
                assert_eq!(
                    t.text.matches(from).count(),
                    1,
                    "{}: edit '{from}' must match once",
                    s.id
                );
            }
        }
    }

    #[test]
    fn each_scenario_teaches_its_rules_and_the_changed_design_stays_valid() {
        for s in SCENARIOS {
            let (design, findings) = s.design();
            assert!(findings.is_empty(), "{}: {findings:?}", s.id);
            let targets = Targets::of(&design, design.targets);
            let errors: Vec<_> = rules::validate(&design, targets)
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{}: the changed design itself is valid: {errors:#?}", s.id);
            let base = s.baseline();
            let r = review(&base, Targets::of(&base.design, base.design.targets), &design, targets);
            for rule in s.teaches {
                assert!(
                    r.findings.iter().any(|f| f.rule == *rule),
                    "{} teaches {rule}: {:#?}",
                    s.id,
                    r.findings
                );
            }
            let taught = r.changes.iter().filter_map(|c| c.verdict.as_ref()).any(|v| {
                v.loses_state()
                    || matches!(
                        v.action,
                        crate::core::review::Action::Reject | crate::core::review::Action::Refuse
                    )
                    || v.state == crate::core::review::Fate::Lost
            }) || r.findings.iter().any(|f| f.rule == "FKO-CHG-011");
            assert!(taught, "{}: the change loses state or is refused", s.id);
        }
    }
}

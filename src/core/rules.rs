//! Validation rules: one rule = one small named unit with a stable id.
//!
//! Each rule lives in its own file under `rules/` (or in a family file of small rules),
//! implements [`Rule`] and is listed once in its family's `RULES` slice. Validation never fails: it
//! returns findings. The registry test checks ids are unique and documented.

mod capacity;
mod cfk;
mod chunked;
mod cmf;
mod context;
mod crd;
mod fko;
mod flinkconf;
mod hygiene;
mod image;
pub(crate) mod missing;
mod naming;
mod ops;
mod pod;
mod reads;
mod refs;
mod security;
mod validator;

pub use context::{Context, Subjects};
pub use reads::{Deps, KindSet, RuleReads, SubjectKinds};
pub use validator::{RunStats, Validator};

use super::design::Design;
use super::finding::{self, Finding, Severity};
use std::cell::Cell;
use std::rc::Rc;

use super::model::{Resource, ResourceId};
use super::placeholder::is_placeholder;
use super::targets::Targets;

/// A validation rule.
pub trait Rule: Sync {
    /// Stable id, e.g. `FKO-JOB-001` (the ids of domain.md's catalog).
    fn id(&self) -> &'static str;
    /// Default severity.
    fn severity(&self) -> Severity;
    /// One-line description of what the rule checks.
    fn summary(&self) -> &'static str;
    /// Appends this rule's findings for the design in `cx`.
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>);
    /// True when the rule's findings show where *other* resources were read from (file,
    /// line): the incremental validator does not fingerprint origins, so it re-runs
    /// such rules every time.
    fn reads_origins(&self) -> bool {
        false
    }
    /// True for the rules about template placeholders themselves. Every other rule's
    /// finding at a value a template engine fills in (`core::placeholder`) is dropped:
    /// such a value is not judged until the file is rendered.
    fn judges_placeholders(&self) -> bool {
        false
    }
}

/// The subject a rule is visiting, shared by a tracking context and an attributing sink.
pub(crate) type SubjectHandle = Rc<Cell<Option<ResourceId>>>;

/// Collects the findings of one rule.
pub struct Sink<'r> {
    rule: &'r dyn Rule,
    findings: Vec<Finding>,
    /// Where a dropped finding is written (see [`Rule::judges_placeholders`]).
    dropped: Option<Finding>,
    /// When attributing: the subject being visited, and the one of each finding.
    visits: Option<(SubjectHandle, Vec<Option<ResourceId>>)>,
}

impl<'r> Sink<'r> {
    /// A sink for `rule`.
    pub fn new(rule: &'r dyn Rule) -> Self {
        Self { rule, findings: Vec::new(), dropped: None, visits: None }
    }

    /// A sink that notes, for each finding, which subject the rule was visiting
    /// (`Context::subject_handle`).
    pub(crate) fn attributed(rule: &'r dyn Rule, current: SubjectHandle) -> Self {
        Self { rule, findings: Vec::new(), dropped: None, visits: Some((current, Vec::new())) }
    }

    /// Reports a problem at `pointer` of `resource`, with the rule's default severity.
    /// Returns the finding so the caller can add a hint or change the severity.
    pub fn report(
        &mut self,
        resource: &Resource,
        pointer: &str,
        message: impl Into<String>,
    ) -> &mut Finding {
        let f =
            Finding::about(self.rule.id(), self.rule.severity(), resource, pointer, message.into());
        if !self.rule.judges_placeholders() && at_placeholder(resource, pointer) {
            return self.dropped.insert(f);
        }
        self.findings.push(f);
        if let Some((current, of)) = &mut self.visits {
            of.push(current.get());
        }
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// The findings collected.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// The findings collected, each with the subject visited when it was reported.
    pub(crate) fn into_attributed(self) -> Vec<(Finding, Option<ResourceId>)> {
        let of = self.visits.map(|v| v.1).unwrap_or_default();
        let of = of.into_iter().chain(std::iter::repeat(None));
        self.findings.into_iter().zip(of).collect()
    }
}

/// True when the value at `pointer` is a string a template engine fills in.
fn at_placeholder(resource: &Resource, pointer: &str) -> bool {
    !pointer.is_empty()
        && resource.doc.pointer(pointer).and_then(|v| v.as_str()).is_some_and(is_placeholder)
}

/// Remembers the places a rule reported, so a value several clusters share (an
/// environment default, an operator default) is reported once.
#[derive(Default)]
pub struct Seen(std::collections::HashSet<(ResourceId, String)>);

impl Seen {
    /// True the first time a (resource, pointer) pair is seen.
    pub fn first(&mut self, r: &Resource, pointer: &str) -> bool {
        self.0.insert((r.id, pointer.to_string()))
    }
}

/// Marks a finding about a value a cluster site lacks when a layer outside the design
/// may still supply it ([`ClusterSite::supplied_outside`]: the environment of an
/// application or pool that is not in the input, domain.md §3.2): the message says where
/// it must come from, and an error becomes a warning (the check cannot be completed).
/// A design that declares itself complete ([`Targets::complete`]) has no such layer:
/// the finding stays as it is (the reference policy of `rules::missing`).
///
/// [`ClusterSite::supplied_outside`]: crate::core::cluster::ClusterSite::supplied_outside
pub fn supplied_outside(cx: &Context<'_>, f: &mut Finding, outside: Option<String>) {
    let Some(outside) = outside.filter(|_| !cx.targets.complete) else { return };
    f.message = format!("{}: not set here, so it must come from {outside}", f.message);
    if f.severity == Severity::Error {
        f.severity(Severity::Warning);
    }
}

/// Every rule family, in catalog order. Each family module lists its rules in its own
/// `RULES` slice.
static FAMILIES: &[&[&dyn Rule]] = &[
    naming::RULES,
    fko::RULES,
    crd::RULES,
    cmf::RULES,
    cfk::RULES,
    refs::RULES,
    ops::RULES,
    pod::RULES,
    flinkconf::RULES,
    security::RULES,
    capacity::RULES,
    image::RULES,
    hygiene::RULES,
];

/// Every rule, in catalog order.
pub fn all() -> impl Iterator<Item = &'static dyn Rule> {
    FAMILIES.iter().flat_map(|f| f.iter().copied())
}

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    all().find(|r| r.id() == id)
}

/// Designs with more resources than this are validated a window of this many resources
/// at a time ([`chunked`]): large enough that a rule's work per window dwarfs starting
/// it, small enough that a window's documents stay in the processor's caches.
const WINDOW: usize = 500;

/// Runs every rule over a design and returns the findings, sorted.
pub fn validate(design: &Design, targets: Targets) -> Vec<Finding> {
    let mut cx = Context::new(design, targets);
    run(&mut cx)
}

/// Runs every rule over a prepared context.
pub fn run(cx: &mut Context<'_>) -> Vec<Finding> {
    run_in_windows(cx, WINDOW)
}

/// Runs every rule over a prepared context, `window` resources at a time when the design
/// is larger (the findings are the same for any window).
fn run_in_windows(cx: &mut Context<'_>, window: usize) -> Vec<Finding> {
    let mut findings = if cx.resource_count() > window {
        chunked::run_windowed(cx, window).0
    } else {
        one_rule_after_another(cx)
    };
    finding::sort(&mut findings);
    findings
}

fn one_rule_after_another(cx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for family in FAMILIES {
        for rule in family.iter() {
            let mut sink = Sink::new(*rule);
            rule.check(cx, &mut sink);
            findings.extend(sink.into_findings());
        }
        // The merged pod templates are shared within a family (the pod rules): free
        // them before the next one (memory at 50,000 resources).
        cx.forget_templates();
    }
    findings
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule tests: `check(rule, yaml)` imports the YAML into a design and
    //! runs only that rule.

    use super::*;
    use crate::core::import::import_text;

    /// Runs `rule` over the documents in `yaml` (with default targets).
    pub fn check(rule: &dyn Rule, yaml: &str) -> Vec<Finding> {
        check_with(rule, yaml, Targets::default())
    }

    /// Runs `rule` over the documents in `yaml` with the given targets.
    pub fn check_with(rule: &dyn Rule, yaml: &str, targets: Targets) -> Vec<Finding> {
        let mut design = Design::new();
        let (_, problems) = import_text(&mut design, "test.yaml", yaml);
        assert!(
            problems.iter().all(|p| p.severity != Severity::Error),
            "fixture does not import cleanly: {problems:?}"
        );
        design.assign_scopes(None, None);
        let cx = Context::new(&design, targets);
        let mut sink = Sink::new(rule);
        rule.check(&cx, &mut sink);
        sink.into_findings()
    }

    /// Runs `rule` over `yaml` as a design that declares itself complete.
    pub fn check_complete(rule: &dyn Rule, yaml: &str) -> Vec<Finding> {
        check_with(rule, yaml, Targets { complete: true, ..Targets::default() })
    }

    /// The (pointer, severity) pairs of findings, for compact assertions.
    pub fn pointers(findings: &[Finding]) -> Vec<(String, Severity)> {
        findings.iter().map(|f| (f.pointer.clone(), f.severity)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn rule_ids_are_unique_and_documented() {
        let mut seen = BTreeSet::new();
        for r in all() {
            assert!(seen.insert(r.id()), "duplicate rule id {}", r.id());
            assert!(!r.summary().is_empty(), "{} has no summary", r.id());
            let id_ok = r.id().split('-').all(|p| !p.is_empty())
                && r.id().chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
            assert!(id_ok, "{} is not an UPPER-KEBAB id", r.id());
        }
    }
}

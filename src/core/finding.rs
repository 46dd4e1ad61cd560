//! Findings: what the rules (and the importer) report.

use serde::{Deserialize, Serialize};

use super::model::{Resource, ResourceId, ResourceRef};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advisory.
    Info,
    /// Accepted by the target system but very likely wrong or dangerous.
    Warning,
    /// The target system rejects it, or the job cannot work.
    Error,
}

impl Severity {
    /// Lower-case name, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in a design.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `FKO-JOB-001`.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// The resource concerned (absent for file-level problems).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceRef>,
    /// The field, as an RFC 6901 JSON Pointer into the resource's document.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Source file, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based source line, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The resource's id in the design (not serialized).
    #[serde(skip)]
    pub resource_id: Option<ResourceId>,
}

impl Finding {
    /// A finding about a field of a resource; file and line are filled from its origin.
    pub fn about(
        rule: &str,
        severity: Severity,
        resource: &Resource,
        pointer: &str,
        message: String,
    ) -> Self {
        let (file, line) = resource.location(pointer);
        Self {
            rule: rule.to_string(),
            severity,
            resource: Some(resource.reference()),
            pointer: pointer.to_string(),
            message,
            hint: String::new(),
            file: file.map(str::to_string),
            line,
            resource_id: Some(resource.id),
        }
    }

    /// Sets the fix hint.
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = hint.into();
        self
    }

    /// Overrides the severity.
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
}

/// Counts per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of infos.
    pub infos: usize,
}

impl Summary {
    /// Counts the findings.
    pub fn of(findings: &[Finding]) -> Self {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

type SortKey<'f> = (
    (&'f Option<String>, Option<u32>, std::cmp::Reverse<Severity>),
    &'f str,
    &'f str,
    &'f str,
    Option<ResourceId>,
);

fn sort_key(f: &Finding) -> SortKey<'_> {
    let at = (&f.file, f.line, std::cmp::Reverse(f.severity));
    (at, &f.rule, &f.pointer, &f.message, f.resource_id)
}

/// Sorts findings by file, line, severity (worst first), rule, pointer, message and
/// resource, for stable output (equal findings keep the order the rules reported them).
pub fn sort(findings: &mut [Finding]) {
    crate::core::sort::sort_by(findings, order);
}

/// The order [`sort`] puts findings in.
pub fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    sort_key(a).cmp(&sort_key(b))
}

//! Pure derivations from the manifest texts: import, validation, configuration, export.
//!
//! Nothing here touches the browser; the UI wraps each function in a `Memo`.

use serde::{Deserialize, Serialize};

use crate::core::config::{self, EffectiveConfig};
use crate::core::design::Design;
use crate::core::export;
use crate::core::finding::{self, Finding};
use crate::core::graph::Graph;
use crate::core::import::import_text;
use crate::core::rules;
use crate::core::targets::Targets;

/// One manifest text, as pasted, dropped or opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// File name (or a label such as `pasted-1.yaml`).
    pub name: String,
    /// The text, exactly as written.
    pub text: String,
}

impl SourceFile {
    /// A file named `name` holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self { name: name.into(), text: text.into() }
    }
}

/// The design imported from the texts, with the importer's diagnostics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// The design: every file imported into one fresh design, scopes assigned.
    pub design: Design,
    /// What the importer reported (syntax errors, duplicate keys, unknown kinds, …).
    pub findings: Vec<Finding>,
}

/// Imports every file into a fresh design, then assigns CMF scopes.
pub fn import_all(files: &[SourceFile]) -> Imported {
    let mut design = Design::new();
    let mut findings = Vec::new();
    for f in files {
        findings.extend(import_text(&mut design, &f.name, &f.text).1);
    }
    design.assign_scopes(None, None);
    Imported { design, findings }
}

/// The targets (operator versions) the design is checked against.
pub fn targets(imported: &Imported) -> Targets {
    Targets::of(&imported.design, Default::default())
}

/// Import diagnostics and rule findings together, sorted by file and line.
pub fn validate(imported: &Imported) -> Vec<Finding> {
    let mut all = imported.findings.clone();
    all.extend(rules::validate(&imported.design, targets(imported)));
    finding::sort(&mut all);
    all
}

/// The effective configuration of every job-bearing resource.
pub fn configs(imported: &Imported) -> Vec<EffectiveConfig> {
    let graph = Graph::build(&imported.design);
    config::effective_configs(&imported.design, &graph, &targets(imported))
}

/// The kubectl export of the design.
pub fn kubectl(imported: &Imported) -> String {
    export::kubectl(&imported.design, Default::default())
}

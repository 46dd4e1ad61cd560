//! Export / apply hygiene (domain.md §4.R).
//!
//! EXP-006 (document order of a kubectl export) is the exporter's job: it sorts
//! documents in dependency order; CFK-ORDER-001 reports hand-written CFK files.

mod cmf_payloads;
mod missing_namespace;
mod namespace_label;
mod server_fields;
mod template_values;
mod unknown_kind;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &cmf_payloads::CmfPayloads,
    &unknown_kind::UnknownKind,
    &server_fields::ServerFields,
    &missing_namespace::MissingNamespace,
    &namespace_label::NamespaceLabel,
    &template_values::TemplateValues,
];

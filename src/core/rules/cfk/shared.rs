//! Helpers for the CFK rules: the studio `ConfluentForKubernetes` node.

use crate::core::model::{Form, Kind, Resource};
use crate::core::rules::Context;

/// CFK kinds that need `enableFlinkSQL` (CFK 3.3 preview).
pub const SQL_KINDS: &[Kind] = &[
    Kind::CmfSecret,
    Kind::SecretMapping,
    Kind::KafkaCatalog,
    Kind::KafkaDatabase,
    Kind::ComputePool,
    Kind::Statement,
];

/// The CFK CRs of the design.
pub fn cfk_crs<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a Resource> {
    cx.resources().filter(|r| r.form == Form::CfkCr)
}

/// The CFK CRs of the design as a subject walk (`Context::subjects`).
pub fn cfk_subjects<'c, 'a>(cx: &'c Context<'a>) -> impl Iterator<Item = &'a Resource> + 'c {
    cx.subjects().filter(|r| r.form == Form::CfkCr)
}

/// The `ConfluentForKubernetes` node, if any.
pub fn install<'a>(cx: &Context<'a>) -> Option<&'a Resource> {
    cx.of_kind(Kind::CfkInstall).next()
}

/// A boolean flag of the installation node (`None` when absent).
pub fn flag(node: &Resource, key: &str) -> Option<bool> {
    node.spec_get(&[key]).and_then(|v| v.as_bool().or_else(|| v.as_str().map(|s| s == "true")))
}

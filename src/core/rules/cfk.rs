//! CFK CR constraints (domain.md §4.I).

mod apply_order;
mod day2_install;
mod environment_ref;
mod flink_secret_ref;
mod pool_state;
mod rest_class_ref;
mod rest_class_security;
mod shared;
mod sql_install;
mod statement_results;
mod unknown_kind;
mod watched_namespace;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &sql_install::SqlInstall,
    &day2_install::Day2Install,
    &unknown_kind::UnknownKind,
    &rest_class_ref::RestClassRef,
    &environment_ref::EnvironmentRef,
    &flink_secret_ref::FlinkSecretRef,
    &pool_state::PoolState,
    &watched_namespace::WatchedNamespace,
    &rest_class_security::RestClassSecurity,
    &statement_results::StatementResults,
    &apply_order::ApplyOrder,
];

//! CRD schema constraints of the operator's CustomResourceDefinitions (domain.md §4.G).
//!
//! The schemas are the real CRDs embedded by [`crate::core::schema`]; they also apply to CMF
//! application specs, compute-pool `clusterSpec`s and environment defaults, which CMF turns
//! into FlinkDeployments.

mod cpu_number;
mod enum_value;
mod nested_duplicate;
mod shared;
mod string_config;
mod unknown_field;
mod value_type;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &enum_value::EnumValue,
    &cpu_number::CpuNumber,
    &value_type::ValueType,
    &string_config::StringConfig,
    &unknown_field::UnknownField,
    &nested_duplicate::NestedDuplicate,
];

//! The inspector's form of a resource: the fields it edits (JSON Pointer in the resource's
//! own serialization, label, input type, allowed values) and its Flink configuration
//! tables. The browser renders it (`ui::inspector::form`); nothing about a kind is decided
//! there.
//!
//! * The per-kind table (`forms/kinds.rs`) is a `match` over every [`Kind`] without a
//!   wildcard: a new kind does not compile until it says what its form shows.
//! * Choices are never written here. A Flink version comes from the version table for the
//!   targeted release ([`flink::version`](super::flink::version): the CRD enum of the FKO
//!   release for FKO kinds, the SQL versions of the CMF release for compute pools). Other
//!   choices come from the embedded CRDs
//!   ([`schema::spec_enum`]; CMF applications and compute-pool cluster specs are
//!   FlinkDeployment specs, as CMF hands them to the operator), from the listed enums of
//!   CMF REST and studio fields ([`schema::listed_enum`]), and, for values in a
//!   configuration table, from the option catalog ([`value_choices`]).
//! * The tables are the places [`cluster::flink_configuration_maps`] names.

mod help;
mod kinds;
mod value;

pub use help::help;

use serde_json::Value;

use super::cluster::{self, MapRole, place_version};
use super::flink::version::{self, CmfRelease, FkoRelease};
use super::model::{Form, Kind, Resource};
use super::options::FlinkVersion;
use super::schema;
use super::targets::Targets;

pub use value::{parse_input, text_of, value_choices};

/// The allowed values of a choice field, borrowed from where they are specified.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Choices {
    /// The `enum` of an embedded CRD schema.
    Schema(&'static [Value]),
    /// A listed enum ([`schema::LISTED_ENUMS`]).
    Listed(&'static [&'static str]),
    /// The `spec.flinkVersion` enum of the targeted FKO release's CRD, in its order.
    FkoFlinkVersions(FkoRelease),
    /// The Flink versions the targeted CMF release runs SQL statements on.
    CmfSqlVersions(CmfRelease),
}

impl Choices {
    /// The values, in the order of their source.
    pub fn values(self) -> Vec<String> {
        match self {
            Choices::Schema(values) => {
                values.iter().filter_map(Value::as_str).map(str::to_string).collect()
            }
            Choices::Listed(values) => values.iter().map(|v| v.to_string()).collect(),
            Choices::FkoFlinkVersions(release) => {
                release.crd_enum().iter().map(|v| v.enum_name()).collect()
            }
            Choices::CmfSqlVersions(release) => {
                release.sql_versions().iter().map(|v| v.enum_name()).collect()
            }
        }
    }

    /// True when `value` is one of them.
    pub fn contains(self, value: &str) -> bool {
        match self {
            Choices::Schema(values) => values.iter().any(|v| v.as_str() == Some(value)),
            Choices::Listed(values) => values.contains(&value),
            Choices::FkoFlinkVersions(release) => release.accepts(value),
            Choices::CmfSqlVersions(release) => release.runs_sql_on(value),
        }
    }
}

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Input {
    /// Free text.
    Text,
    /// Several lines of text (SQL).
    Long,
    /// A number.
    Number,
    /// True or false.
    Bool,
    /// One of these values.
    Choice(Choices),
}

/// A field of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// JSON Pointer into the document.
    pub pointer: String,
    /// Label shown.
    pub label: &'static str,
    /// Input type.
    pub input: Input,
}

/// A Flink configuration map of the resource, edited as a key/value table.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigTable {
    /// JSON Pointer of the map (it may not exist yet).
    pub pointer: String,
    /// Title of the table.
    pub title: &'static str,
    /// How its values meet other layers, when that needs saying.
    pub note: Option<&'static str>,
    /// Flink version its keys are read for (the `flinkVersion` beside the map, else the
    /// newest the catalog knows): completion and value choices follow it.
    pub version: FlinkVersion,
}

/// The form's fields for a resource at the default targets (see [`fields_for`]).
pub fn fields(r: &Resource) -> Vec<Field> {
    fields_for(r, &Targets::default())
}

/// The form's fields for a resource: name, namespace, CMF environment of a CFK CR, then
/// the kind's own fields, with choices for the releases the design targets.
pub fn fields_for(r: &Resource, targets: &Targets) -> Vec<Field> {
    let mut out = Vec::new();
    let flat = r.spec_pointer().is_empty();
    let name = if flat { "/name" } else { "/metadata/name" };
    out.push(Field { pointer: name.into(), label: "Name", input: Input::Text });
    if matches!(r.form, Form::Kubernetes | Form::FkoCr | Form::CfkCr) && r.kind != Kind::Namespace {
        let pointer = "/metadata/namespace".into();
        out.push(Field { pointer, label: "Namespace", input: Input::Text });
    }
    if r.form == Form::CfkCr && r.is_environment_scoped() {
        let pointer = r.spec_field(&["flinkEnvironment"]);
        out.push(Field { pointer, label: "CMF environment", input: Input::Text });
    }
    for group in kinds::groups(r.kind) {
        for row in group.rows {
            let tokens: Vec<&str> = group.base.iter().chain(row.tokens).copied().collect();
            let input = input_of(r.kind, row, &tokens, targets);
            out.push(Field { pointer: r.spec_field(&tokens), label: row.label, input });
        }
    }
    out
}

fn input_of(kind: Kind, row: &kinds::Row, tokens: &[&str], targets: &Targets) -> Input {
    let choices = match row.input {
        kinds::In::Text => return Input::Text,
        kinds::In::Long => return Input::Long,
        kinds::In::Number => return Input::Number,
        kinds::In::Bool => return Input::Bool,
        kinds::In::CrdEnum(crd) => schema::spec_enum(crd, row.tokens).map(Choices::Schema),
        kinds::In::ListedEnum => schema::listed_enum(kind, tokens).map(Choices::Listed),
        kinds::In::FkoFlinkVersion => Some(Choices::FkoFlinkVersions(version::fko(targets.fko))),
        kinds::In::CmfSqlVersion => Some(Choices::CmfSqlVersions(version::cmf(targets.cmf))),
    };
    // Unreachable while the tests pass (every choice resolves); text keeps the field usable.
    choices.map_or(Input::Text, Input::Choice)
}

/// The resource's Flink configuration tables, in display order.
pub fn config_tables(r: &Resource) -> Vec<ConfigTable> {
    cluster::flink_configuration_maps(r.kind)
        .iter()
        .map(|place| {
            let (title, note) = match place.role {
                MapRole::Own => ("Flink configuration", None),
                MapRole::OperatorDefaults => (
                    "Operator default configuration",
                    Some("Applies to every FlinkDeployment and session job this operator manages; their own flinkConfiguration wins."),
                ),
                MapRole::EnvironmentDefaults(s) => (s.title(), Some(s.precedence())),
            };
            let version = place_version(r, place, None);
            ConfigTable { pointer: r.spec_field(place.tokens), title, note, version }
        })
        .collect()
}

/// True when the form has an input for `pointer`: one of its fields, or a key of one of
/// its configuration tables.
pub fn shows(r: &Resource, pointer: &str) -> bool {
    fields(r).iter().any(|f| f.pointer == pointer)
        || config_tables(r).iter().any(|t| {
            pointer.strip_prefix(t.pointer.as_str()).is_some_and(|rest| rest.starts_with('/'))
        })
}

#[cfg(test)]
mod tests;

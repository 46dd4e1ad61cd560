//! Every user edit as data, applied to the ground state [`Design`] and recorded for undo.
//!
//! [`apply`] performs one [`Edit`] and returns what it changed ([`Change`]: the before
//! and after of the touched resources, layout entries and notes only). A failing edit
//! changes nothing. [`History`] keeps those changes for undo/redo (one history for the
//! canvas, the forms and the YAML tab), coalescing runs of drags or keystrokes.

mod change;
mod duplicate;
mod history;
mod names;
mod perform;
#[cfg(test)]
mod tests;

use std::fmt;

use serde_json::Value;

pub use change::Change;
pub use history::{DEFAULT_LIMIT, History};
pub use names::{copy_name, free_name, set_name, taken};

use super::design::{Design, Point};
use super::finding::Finding;
use super::model::ResourceId;
use super::targets::TargetOverrides;

/// One user edit.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// New resources (palette, template pieces); placed from `at` in a cascade, moved
    /// as one to the nearest spot where none lands on another node.
    Add {
        /// The documents (each a mapping).
        docs: Vec<Value>,
        /// Canvas position wanted for the first; the others are offset by [`CASCADE`].
        at: Option<Point>,
    },
    /// Pasted or dropped text: YAML, JSON or a design file (whose positions are moved as
    /// one off the nodes already there).
    Import {
        /// File name (or a label such as `pasted`), for findings.
        file: String,
        /// The text.
        text: String,
    },
    /// Deletes resources (with their positions and notes).
    Remove {
        /// Resources to delete.
        ids: Vec<ResourceId>,
    },
    /// Copies resources under free names (`x-copy`, `x-copy-2`), offset on the canvas
    /// (clear of other nodes).
    Duplicate {
        /// Resources to copy.
        ids: Vec<ResourceId>,
    },
    /// Replaces a resource's document (the YAML tab).
    Replace {
        /// The resource.
        id: ResourceId,
        /// Its new document (a mapping).
        doc: Value,
    },
    /// Sets (or with `None` removes) one field (the inspector); missing parents are created.
    SetField {
        /// The resource.
        id: ResourceId,
        /// RFC 6901 JSON Pointer into its document.
        pointer: String,
        /// New value; `None` removes the field.
        value: Option<Value>,
    },
    /// Moves resources on the canvas (layout only: findings do not change).
    Move {
        /// New positions.
        positions: Vec<(ResourceId, Point)>,
    },
    /// Drag-to-connect: sets the reference field that makes `from` point at `to`
    /// (see [`crate::core::connect`]).
    Connect {
        /// The referencing resource.
        from: ResourceId,
        /// The referenced resource.
        to: ResourceId,
    },
    /// Sets or clears a resource's free note.
    SetNote {
        /// The resource.
        id: ResourceId,
        /// The note; `None` or empty clears it.
        note: Option<String>,
    },
    /// Sets the target versions (operator, CMF, CFK).
    SetTargets(TargetOverrides),
    /// Replaces the whole design (open a design file, a template, a share link).
    Load(Box<Design>),
}

/// Offset between resources placed together, and between a resource and its copy.
pub const CASCADE: Point = Point { x: 40.0, y: 40.0 };

/// What an applied edit did.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The change, reversible.
    pub change: Change,
    /// Resources the edit created (added, imported, duplicated), in order.
    pub added: Vec<ResourceId>,
    /// Problems met on the way (import findings); the edit still applied.
    pub diagnostics: Vec<Finding>,
}

/// Why an edit was refused; the design is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// No resource has this id.
    UnknownId(ResourceId),
    /// A document that must be a mapping is not.
    NotAMapping {
        /// Which document ("document 2 of 3", "the new document").
        what: String,
        /// What it is instead.
        found: &'static str,
    },
    /// The pointer cannot be set or removed.
    InvalidPointer {
        /// The pointer.
        pointer: String,
        /// Why.
        reason: String,
    },
    /// A canvas position is not a finite number.
    InvalidPosition(ResourceId),
    /// The connection is not allowed by the model.
    Refused(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::UnknownId(id) => {
                write!(f, "there is no resource #{} in the design (was it deleted?)", id.0)
            }
            EditError::NotAMapping { what, found } => {
                write!(f, "{what} is {found}, but a resource must be a mapping (key: value)")
            }
            EditError::InvalidPointer { pointer, reason } => {
                write!(f, "cannot edit field '{pointer}': {reason}")
            }
            EditError::InvalidPosition(id) => {
                write!(f, "the new position of resource #{} is not a finite number", id.0)
            }
            EditError::Refused(why) => write!(f, "connection refused: {why}"),
        }
    }
}

impl std::error::Error for EditError {}

/// Applies one edit to `design`. On error the design is unchanged.
pub fn apply(design: &mut Design, edit: Edit) -> Result<Applied, EditError> {
    perform::perform(design, edit)
}

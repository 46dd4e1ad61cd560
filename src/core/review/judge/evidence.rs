//! Evidence: each claim of a verdict names the field, setting or status it rests on.

use super::super::facts::{Facts, StateDir};
use super::super::verdict::{Evidence, Which};

/// The evidence of one verdict, in the order the judge read it.
#[derive(Debug, Default)]
pub(crate) struct Notes(pub Vec<Evidence>);

impl Notes {
    fn push(&mut self, e: Evidence) {
        if !self.0.contains(&e) {
            self.0.push(e);
        }
    }

    /// A field of a resource's spec.
    pub fn field(&mut self, side: Which, f: &Facts<'_>, tokens: &[&str], fact: impl Into<String>) {
        self.push(Evidence {
            fact: fact.into(),
            side,
            resource: Some(f.resource.reference()),
            pointer: f.field(tokens),
        });
    }

    /// A configuration value, where it was set (operator defaults when built in).
    pub fn setting(&mut self, side: Which, f: &Facts<'_>, key: &str, fact: impl Into<String>) {
        let s = f.conf.setting(key);
        self.push(Evidence {
            fact: fact.into(),
            side,
            resource: s.as_ref().and_then(|s| s.resource.clone()),
            pointer: s.map(|s| s.pointer).unwrap_or_default(),
        });
    }

    /// A state directory and what holds it.
    pub fn dir(&mut self, side: Which, f: &Facts<'_>, dir: &StateDir) {
        let (resource, pointer) = match &dir.set_at {
            Some((r, p)) => (Some(r.clone()), p.clone()),
            None => (Some(f.resource.reference()), String::new()),
        };
        self.push(Evidence {
            fact: format!("{} is {} ({})", dir.key, dir.uri, dir.durability.describe()),
            side,
            resource,
            pointer,
        });
    }

    /// What the baseline's status says.
    pub fn status(&mut self, f: &Facts<'_>, pointer: &str, fact: impl Into<String>) {
        self.push(Evidence {
            fact: fact.into(),
            side: Which::Before,
            resource: Some(f.resource.reference()),
            pointer: pointer.to_string(),
        });
    }

    /// The operator's or CMF's documented behaviour.
    pub fn rule(&mut self, fact: impl Into<String>) {
        self.push(Evidence {
            fact: fact.into(),
            side: Which::After,
            resource: None,
            pointer: String::new(),
        });
    }
}

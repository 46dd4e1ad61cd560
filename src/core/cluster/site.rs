//! The cluster sites of a resource: every place a design describes a Flink cluster
//! (image, flinkVersion, flinkConfiguration, jobManager/taskManager, pod templates).
//!
//! | Resource | Site | Inherits (domain.md §3.2, §3.3) |
//! |---|---|---|
//! | FKO `FlinkDeployment` | `/spec` | — |
//! | FKO `FlinkBlueGreenDeployment` | `/spec/template/spec` | — |
//! | CMF / CFK `FlinkApplication` | `/spec` | environment `flinkApplicationDefaults.spec` (wins) |
//! | CMF / CFK compute pool | `/spec/clusterSpec` | environment `computePoolDefaults.clusterSpec` (the pool wins, unverified) |
//! | CMF / CFK environment | `flinkApplicationDefaults.spec`, `computePoolDefaults.clusterSpec` (fragments) | — |
//! | a `Fragment` (or unknown kind) shaped like a deployment spec | `/spec` or the document | — |
//!
//! A site reads its fields with [`ClusterSite::get`] (as written here) or
//! [`ClusterSite::locate`] (as the generated FlinkDeployment gets them, with the resource
//! and pointer that set them); the configuration engines use the same precedence.

use serde_json::Value;

use crate::core::model::{Kind, Resource};
use crate::core::podtemplate::{ArrayMerge, Merged, Role, Templates, merged_with_defaults};
use crate::core::pointer;

/// Which kind of cluster description a site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteKind {
    /// A FlinkDeployment's spec.
    FlinkDeployment,
    /// The FlinkDeployment template of a FlinkBlueGreenDeployment.
    BlueGreenTemplate,
    /// A CMF / CFK FlinkApplication's spec (becomes a FlinkDeployment in application mode).
    Application,
    /// A compute pool's `clusterSpec` (CMF sets the job and the service account).
    ComputePool,
    /// An environment's `flinkApplicationDefaults.spec` (merged into its applications).
    ApplicationDefaults,
    /// An environment's `computePoolDefaults.clusterSpec` (merged into its pools).
    ComputePoolDefaults,
    /// A document without a known kind that looks like a deployment spec.
    Fragment,
}

impl SiteKind {
    /// Tokens from the owner's spec to the site (not for fragments).
    pub fn tokens(self) -> &'static [&'static str] {
        match self {
            SiteKind::FlinkDeployment | SiteKind::Application | SiteKind::Fragment => &[],
            SiteKind::BlueGreenTemplate => &["template", "spec"],
            SiteKind::ComputePool => &["clusterSpec"],
            SiteKind::ApplicationDefaults => &["flinkApplicationDefaults", "spec"],
            SiteKind::ComputePoolDefaults => &["computePoolDefaults", "clusterSpec"],
        }
    }

    /// The environment defaults merged into this kind of site, if any.
    pub fn defaults(self) -> Option<SiteKind> {
        match self {
            SiteKind::Application => Some(SiteKind::ApplicationDefaults),
            SiteKind::ComputePool => Some(SiteKind::ComputePoolDefaults),
            _ => None,
        }
    }

    /// True when the inherited defaults win over the site's own fields: documented for
    /// applications (§3.2); for pools the docs are silent and the studio lets the pool
    /// win (§3.3, as the configuration engine does).
    pub fn defaults_win(self) -> bool {
        self == SiteKind::Application
    }

    /// The main site of a resource of `kind`, if it has one (environments hold two
    /// default fragments, not a cluster of their own).
    pub fn of(kind: Kind) -> Option<SiteKind> {
        match kind {
            Kind::FlinkDeployment => Some(SiteKind::FlinkDeployment),
            Kind::FlinkBlueGreenDeployment => Some(SiteKind::BlueGreenTemplate),
            Kind::Application => Some(SiteKind::Application),
            Kind::ComputePool => Some(SiteKind::ComputePool),
            _ => None,
        }
    }

    /// Short label for messages.
    pub fn label(self) -> &'static str {
        match self {
            SiteKind::FlinkDeployment => "FlinkDeployment spec",
            SiteKind::BlueGreenTemplate => "blue/green template",
            SiteKind::Application => "FlinkApplication spec",
            SiteKind::ComputePool => "compute pool clusterSpec",
            SiteKind::ApplicationDefaults => "flinkApplicationDefaults",
            SiteKind::ComputePoolDefaults => "computePoolDefaults",
            SiteKind::Fragment => "fragment",
        }
    }
}

/// What a site inherits from its environment.
#[derive(Debug, Clone, PartialEq)]
pub enum Inherited<'a> {
    /// Nothing: the kind takes no defaults from outside.
    Nothing,
    /// The defaults fragment of an environment of the design (`spec` is `None` when the
    /// environment sets no such defaults).
    Defaults {
        /// The environment.
        environment: &'a Resource,
        /// JSON Pointer of the fragment in the environment's document.
        pointer: String,
        /// The fragment.
        spec: Option<&'a Value>,
    },
    /// The environment is not in the design (its name, when the resource says).
    Unknown {
        /// The environment's name.
        environment: Option<String>,
    },
}

/// A field as the generated deployment gets it, and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<'a> {
    /// The value.
    pub value: &'a Value,
    /// The resource that wrote it (the site's owner or its environment).
    pub resource: &'a Resource,
    /// JSON Pointer of the field in that resource.
    pub pointer: String,
    /// True when both the site and its environment set the field (CMF's merge of
    /// non-configuration fields is undocumented).
    pub unverified: bool,
}

/// One cluster description inside a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterSite<'a> {
    /// The resource holding it.
    pub owner: &'a Resource,
    /// What it is.
    pub kind: SiteKind,
    /// JSON Pointer of the site in the owner's document.
    pub pointer: String,
    /// The site's object (`null` for a main site whose resource has none yet).
    pub spec: &'a Value,
    /// The environment defaults merged into it.
    pub inherited: Inherited<'a>,
}

static NULL: Value = Value::Null;

impl<'a> ClusterSite<'a> {
    /// A field written in this site (null counts as unset).
    pub fn get(&self, tokens: &[&str]) -> Option<&'a Value> {
        pointer::get(self.spec, tokens).filter(|v| !v.is_null())
    }

    /// A string field written in this site.
    pub fn str(&self, tokens: &[&str]) -> Option<&'a str> {
        self.get(tokens).and_then(Value::as_str)
    }

    /// JSON Pointer of a field of this site.
    pub fn field(&self, tokens: &[&str]) -> String {
        tokens.iter().fold(self.pointer.clone(), |acc, t| pointer::push(&acc, t))
    }

    /// The inherited defaults fragment and where it is, when the environment is in the
    /// design and sets one.
    pub fn defaults(&self) -> Option<(&'a Resource, &str, &'a Value)> {
        match &self.inherited {
            Inherited::Defaults { environment, pointer, spec: Some(spec) } => {
                Some((*environment, pointer.as_str(), *spec))
            }
            _ => None,
        }
    }

    /// The field as the generated FlinkDeployment gets it, with where it was written:
    /// the environment default or this site's own value, whichever wins for this kind
    /// ([`SiteKind::defaults_win`]).
    pub fn locate(&self, tokens: &[&str]) -> Option<Located<'a>> {
        let own = self.get(tokens).map(|value| Located {
            value,
            resource: self.owner,
            pointer: self.field(tokens),
            unverified: false,
        });
        let inherited = self.defaults().and_then(|(env, at, d)| {
            pointer::get(d, tokens).filter(|v| !v.is_null()).map(|value| Located {
                value,
                resource: env,
                pointer: tokens.iter().fold(at.to_string(), |acc, t| pointer::push(&acc, t)),
                unverified: false,
            })
        });
        let both = own.is_some() && inherited.is_some();
        let (first, second) =
            if self.kind.defaults_win() { (inherited, own) } else { (own, inherited) };
        first.or(second).map(|l| Located { unverified: both, ..l })
    }

    /// The merged value of a field (see [`locate`](Self::locate)).
    pub fn merged(&self, tokens: &[&str]) -> Option<&'a Value> {
        self.locate(tokens).map(|l| l.value)
    }

    /// A merged string field.
    pub fn merged_str(&self, tokens: &[&str]) -> Option<&'a str> {
        self.merged(tokens).and_then(Value::as_str)
    }

    /// Where a field this site lacks must come from when that layer is not in the design:
    /// the defaults of an environment that is not in the input (`None` when every layer
    /// that could supply it is in the design, or none exists).
    pub fn supplied_outside(&self) -> Option<String> {
        let Inherited::Unknown { environment } = &self.inherited else { return None };
        let block = self.kind.defaults()?.label();
        Some(match environment {
            Some(e) => format!("the {block} of environment '{e}', which is not in the design"),
            None => format!("the {block} of its environment, which is not in the design"),
        })
    }

    /// The pod templates of this site (common, JobManager, TaskManager), as written here.
    pub fn templates(&self) -> Templates<'a> {
        Templates::of(self.spec, &self.pointer)
    }

    /// The pod template FKO builds from this site's own templates for each role that has
    /// one, JobManager first (origins are pointers into the owner's document).
    pub fn role_templates(&self, mode: ArrayMerge) -> Vec<(Role, Merged)> {
        let t = self.templates();
        Role::BOTH.iter().filter_map(|&role| t.merged(role, mode).map(|m| (role, m))).collect()
    }

    /// The pod template each role's pods get once the environment's defaults are merged
    /// in (CMF's merge of pod templates is undocumented; see
    /// [`merged_with_defaults`](crate::core::podtemplate::merged_with_defaults)): what
    /// the pods have, to check what they lack. Origins may point into the environment's
    /// document, so report positions from [`role_templates`](Self::role_templates).
    pub fn deployed_role_templates(&self, mode: ArrayMerge) -> Vec<(Role, Merged)> {
        let Some((_, at, defaults)) = self.defaults() else { return self.role_templates(mode) };
        let (own, theirs) = (self.templates(), Templates::of(defaults, at));
        let win = self.kind.defaults_win();
        Role::BOTH
            .iter()
            .filter_map(|&role| {
                merged_with_defaults(&own, &theirs, win, role, mode).map(|m| (role, m))
            })
            .collect()
    }

    /// True for whole cluster descriptions (not environment-default fragments or
    /// fragments): presence rules apply.
    pub fn complete(&self) -> bool {
        !matches!(
            self.kind,
            SiteKind::ApplicationDefaults | SiteKind::ComputePoolDefaults | SiteKind::Fragment
        )
    }

    /// True for sites the user writes a job into (not pools, whose job CMF writes).
    pub fn job_bearing(&self) -> bool {
        matches!(
            self.kind,
            SiteKind::FlinkDeployment | SiteKind::BlueGreenTemplate | SiteKind::Application
        )
    }

    /// True when the site is a plain FKO custom resource (not generated by CMF).
    pub fn is_fko(&self) -> bool {
        matches!(self.kind, SiteKind::FlinkDeployment | SiteKind::BlueGreenTemplate)
    }

    /// True for a document of unknown kind shaped like a deployment spec: nothing
    /// says which operator, if any, deploys it.
    pub fn is_fragment(&self) -> bool {
        self.kind == SiteKind::Fragment
    }

    /// True when the owner's effective configuration describes this site (its main
    /// cluster; see [`SiteKind::of`]).
    pub fn has_effective_config(&self) -> bool {
        SiteKind::of(self.owner.kind) == Some(self.kind)
    }
}

/// What a main site inherits, given the resolved environment of its owner.
fn inherited<'a>(r: &'a Resource, kind: SiteKind, env: Option<&'a Resource>) -> Inherited<'a> {
    let Some(defaults) = kind.defaults() else { return Inherited::Nothing };
    match env {
        Some(e) => Inherited::Defaults {
            environment: e,
            pointer: e.spec_field(defaults.tokens()),
            spec: e.spec_get(defaults.tokens()).filter(|v| v.is_object()),
        },
        None => Inherited::Unknown { environment: r.environment().map(str::to_string) },
    }
}

/// The main site of a resource with a cluster of its own (FlinkDeployment, blue/green
/// deployment, application, compute pool), even when its spec is missing; `env` is the
/// environment it resolves to (applications and pools).
pub fn main_site<'a>(r: &'a Resource, env: Option<&'a Resource>) -> Option<ClusterSite<'a>> {
    let kind = SiteKind::of(r.kind)?;
    let spec = r.spec_get(kind.tokens()).filter(|v| v.is_object()).unwrap_or(&NULL);
    Some(ClusterSite {
        owner: r,
        kind,
        pointer: r.spec_field(kind.tokens()),
        spec,
        inherited: inherited(r, kind, env),
    })
}

/// Keys whose presence makes a fragment look like a deployment spec.
const SHAPE_KEYS: &[&str] =
    &["flinkConfiguration", "podTemplate", "jobManager", "taskManager", "flinkVersion"];

fn shaped_like_spec(v: &Value) -> bool {
    v.as_object().is_some_and(|m| SHAPE_KEYS.iter().any(|k| m.contains_key(*k)))
}

/// Every cluster site of `r`, in document order; `env` is the environment `r` resolves
/// to (read only for applications and pools).
pub fn sites_of<'a>(r: &'a Resource, env: Option<&'a Resource>) -> Vec<ClusterSite<'a>> {
    let site = |kind: SiteKind, pointer: String, spec: &'a Value| ClusterSite {
        owner: r,
        kind,
        pointer,
        spec,
        inherited: Inherited::Nothing,
    };
    match r.kind {
        Kind::Environment => [SiteKind::ApplicationDefaults, SiteKind::ComputePoolDefaults]
            .into_iter()
            .filter_map(|kind| {
                let spec = r.spec_get(kind.tokens()).filter(|v| v.is_object())?;
                Some(site(kind, r.spec_field(kind.tokens()), spec))
            })
            .collect(),
        Kind::Fragment | Kind::Unknown => {
            if let Some(spec) = r.doc.get("spec").filter(|s| shaped_like_spec(s)) {
                vec![site(SiteKind::Fragment, "/spec".into(), spec)]
            } else if r.kind == Kind::Fragment && shaped_like_spec(&r.doc) {
                vec![site(SiteKind::Fragment, String::new(), &r.doc)]
            } else {
                Vec::new()
            }
        }
        _ => main_site(r, env).filter(|s| s.spec.is_object()).into_iter().collect(),
    }
}

/// True when sites of `r` inherit from its environment (the caller resolves it).
pub fn inherits(r: &Resource) -> bool {
    SiteKind::of(r.kind).and_then(SiteKind::defaults).is_some()
}

#[cfg(test)]
mod tests;

//! Helpers shared by the reference-integrity rules: dangling references of one edge
//! kind, reported as errors when the design models the target's scope and as "make sure
//! it exists" warnings otherwise.

use crate::core::finding::{Finding, Severity};
use crate::core::graph::{Dangling, EdgeKind};
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Sink};

/// Namespaces every cluster has.
pub const BUILTIN_NAMESPACES: &[&str] =
    &["default", "kube-system", "kube-public", "kube-node-lease"];

/// Dangling references of the given edge kinds, with their source resource.
pub fn dangling<'a>(
    cx: &'a Context<'_>,
    edges: &'a [EdgeKind],
) -> impl Iterator<Item = (&'a Resource, &'a Dangling)> + 'a {
    cx.graph()
        .dangling
        .iter()
        .filter(move |d| edges.contains(&d.reference.edge))
        .filter_map(move |d| cx.get(d.from).map(|r| (r, d)))
}

/// Whether a missing target is a mistake of the design (error) rather than something
/// that may exist outside it (warning): the graph's `scope_modelled`, except that
/// Secrets are normally created out of band (credentials are not committed), and a
/// namespace other objects of the design are placed in is taken as pre-existing.
pub fn modelled(cx: &Context<'_>, d: &Dangling) -> bool {
    let r = &d.reference;
    if !d.scope_modelled || r.targets == [Kind::Secret] {
        return false;
    }
    !(r.targets == [Kind::Namespace]
        && cx.resources().any(|o| o.namespace() == Some(r.name.as_str())))
}

/// Reports a dangling reference: `what` names the target (e.g. "compute pool"),
/// `scope` says where it was looked for (e.g. " in environment 'dev'").
pub fn report<'s>(
    cx: &Context<'_>,
    out: &'s mut Sink<'_>,
    r: &Resource,
    d: &Dangling,
    what: &str,
    scope: &str,
    hint: &str,
) -> &'s mut Finding {
    let name = &d.reference.name;
    if modelled(cx, d) {
        let f = out.report(r, &d.reference.field, format!("{what} '{name}' not found{scope}"));
        f.severity(Severity::Error).hint(hint.to_string());
        f
    } else {
        let f = out.report(
            r,
            &d.reference.field,
            format!(
                "{what} '{name}' is not in the design{scope}; make sure it exists in the cluster"
            ),
        );
        f.severity(Severity::Warning).hint(format!("{hint} (or add it to the design)"));
        f
    }
}

/// `" in namespace 'x'"` / `" in environment 'x'"` for a reference's scope.
pub fn scope_text(d: &Dangling) -> String {
    let r = &d.reference;
    match (&r.namespace, &r.environment, &r.catalog) {
        (Some(ns), _, _) => format!(" in namespace '{ns}'"),
        (_, Some(e), _) => format!(" in environment '{e}'"),
        (_, _, Some(c)) => format!(" in catalog '{c}'"),
        _ => String::new(),
    }
}

//! Every place a design describes a Flink cluster, and what it runs with.
//!
//! * [`site`] — the cluster sites of a resource ([`ClusterSite`]): a FlinkDeployment's
//!   spec, a blue/green deployment's template, a CMF / CFK application, a compute pool's
//!   `clusterSpec`, the environment defaults merged into applications and pools, and
//!   fragments shaped like a deployment spec. Each knows its owner, where it is, the
//!   environment defaults it inherits (and whether they win), its pod templates per role,
//!   and where a field it lacks must come from when that layer is not in the design.
//! * [`conf`] — the Flink configuration a site runs with ([`SiteConf`]): the effective
//!   configuration of [`config`](super::config) (what the configuration panel shows),
//!   the user-written view of it, key spellings from the option catalog, and the one
//!   answer to "where does this kind keep its Flink configuration"
//!   ([`flink_configuration_maps`], [`conf_maps`]).
//! * [`operator`] — which Flink Kubernetes Operator installation governs a namespace
//!   (its watch list) and the default-configuration layers it applies.
//! * [`emr`] — Amazon EMR on EKS's build of the operator: the FlinkDeployment fields its
//!   CRD adds and what its operator supplies (service account, high availability).
//!
//! Rules read these through [`Context`](super::rules::Context) (`cx.sites()`,
//! `cx.site_conf(&site)`, `cx.conf_maps()`, `cx.operator_for(ns)`), so the incremental
//! validator records what they depend on; the configuration engines build on them too.

pub mod conf;
pub mod emr;
pub mod operator;
pub mod site;

pub use conf::{
    ConfMap, ConfigMapPlace, MapKind, MapRole, Setting, SiteConf, conf_maps,
    flink_configuration_maps, place_version, spellings,
};
pub use operator::{FkoInstall, operator_for};
pub use site::{ClusterSite, Inherited, Located, SiteKind, main_site, sites_of};

//! Links no name field states: what an install acts on, and what an address points at.
//!
//! - Confluent for Kubernetes reconciles the CFK custom resources in the namespaces it
//!   watches (every namespace unless `namespaced: true`, then its `namespaceList`).
//! - The CMF service manages every CMF environment.
//! - A CMFRestClass reaches the CMF service its `cmfRest.endpoint` names.
//! - A Kafka database reads the Kafka cluster its `bootstrap.servers` names, a Kafka
//!   catalog the Schema Registry its `schema.registry.url` names.
//! - A Flink configuration value, jar or savepoint path inside a bucket of a modelled
//!   object store (or at its endpoint) uses that store.
//!
//! An address matches when host and port agree; a Kubernetes service name matches its
//! longer forms (`kafka` ≡ `kafka.confluent` ≡ `kafka.confluent.svc.cluster.local`).
//! Unlike the references of `references.rs`, a link to something the design does not
//! model is no dangling reference: external systems are optional in a design.

use serde_json::Value;

use super::references::EdgeKind;
use crate::core::cluster::flink_configuration_maps;
use crate::core::model::{Form, Kind, Resource, ResourceId};
use crate::core::pointer;

/// One link: its meaning, the field it is read from (JSON Pointer, `""` when implied by the
/// install itself) and the resource it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Meaning.
    pub edge: EdgeKind,
    /// JSON Pointer of the field in the linking resource (`""` when implied).
    pub field: String,
    /// The linked resource.
    pub to: ResourceId,
}

/// The resources links can lead to, gathered once per design.
#[derive(Default)]
pub struct LinkTargets<'a> {
    cfk_crs: Vec<&'a Resource>,
    environments: Vec<&'a Resource>,
    cmf: Vec<(&'a Resource, Address)>,
    kafka: Vec<(&'a Resource, Vec<Address>)>,
    registries: Vec<(&'a Resource, Address)>,
    stores: Vec<&'a Resource>,
}

impl<'a> LinkTargets<'a> {
    /// The link targets among `resources`.
    pub fn of(resources: impl IntoIterator<Item = &'a Resource>) -> Self {
        let mut t = Self::default();
        for r in resources {
            match r.kind {
                Kind::Environment => t.environments.push(r),
                Kind::CmfInstall => {
                    if let Some(a) = r.spec_str(&["url"]).and_then(Address::of_url) {
                        t.cmf.push((r, a));
                    }
                }
                Kind::KafkaCluster => {
                    let servers = r.spec_str(&["bootstrapServers"]).map(Address::of_servers);
                    if let Some(s) = servers.filter(|s| !s.is_empty()) {
                        t.kafka.push((r, s));
                    }
                }
                Kind::SchemaRegistry => {
                    if let Some(a) = r.spec_str(&["url"]).and_then(Address::of_url) {
                        t.registries.push((r, a));
                    }
                }
                Kind::ObjectStore => t.stores.push(r),
                _ => {}
            }
            if r.form == Form::CfkCr {
                t.cfk_crs.push(r);
            }
        }
        t
    }
}

/// Every link `r` makes to the targets.
pub fn links(r: &Resource, targets: &LinkTargets<'_>) -> Vec<Link> {
    let mut out = Vec::new();
    let mut add = |edge, field: String, to: &Resource| {
        if to.id != r.id {
            out.push(Link { edge, field, to: to.id });
        }
    };
    match r.kind {
        Kind::CfkInstall => {
            let watched = cfk_watched(r);
            for cr in &targets.cfk_crs {
                let ns = cr.namespace().unwrap_or("default");
                if watched.as_ref().is_none_or(|list| list.iter().any(|w| w == ns)) {
                    add(EdgeKind::Reconciles, String::new(), cr);
                }
            }
        }
        Kind::CmfInstall => {
            for env in &targets.environments {
                add(EdgeKind::Manages, String::new(), env);
            }
        }
        Kind::CmfRestClass => {
            let tokens = ["cmfRest", "endpoint"];
            if let Some(a) = r.spec_str(&tokens).and_then(Address::of_url) {
                for (cmf, at) in &targets.cmf {
                    if a.matches(at) {
                        add(EdgeKind::Endpoint, r.spec_field(&tokens), cmf);
                    }
                }
            }
        }
        Kind::KafkaDatabase => {
            let tokens = ["kafkaCluster", "connectionConfig", "bootstrap.servers"];
            if let Some(servers) = r.spec_str(&tokens).map(Address::of_servers) {
                for (kafka, at) in &targets.kafka {
                    if servers.iter().any(|s| at.iter().any(|a| s.matches(a))) {
                        add(EdgeKind::Kafka, r.spec_field(&tokens), kafka);
                    }
                }
            }
        }
        Kind::KafkaCatalog => {
            let tokens = ["srInstance", "connectionConfig", "schema.registry.url"];
            if let Some(a) = r.spec_str(&tokens).and_then(Address::of_url) {
                for (sr, at) in &targets.registries {
                    if a.matches(at) {
                        add(EdgeKind::SchemaRegistry, r.spec_field(&tokens), sr);
                    }
                }
            }
        }
        _ => {}
    }
    if !targets.stores.is_empty() {
        for (field, value) in storage_values(r) {
            for store in stores_for(value, &targets.stores) {
                add(EdgeKind::Storage, field.clone(), store);
            }
        }
    }
    out
}

/// The namespaces a CFK install watches, `None` for all of them.
fn cfk_watched(r: &Resource) -> Option<Vec<String>> {
    let namespaced = r
        .spec_get(&["namespaced"])
        .is_some_and(|v| v.as_bool().unwrap_or_else(|| v.as_str() == Some("true")));
    namespaced.then(|| {
        r.spec_get(&["namespaceList"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .collect()
    })
}

/// Places outside configuration maps that hold a storage location: the job's jar and the
/// savepoint it starts from, a snapshot's path.
const LOCATION_FIELDS: &[&[&str]] = &[
    &["job", "jarURI"],
    &["job", "initialSavepointPath"],
    &["template", "spec", "job", "jarURI"],
    &["savepoint", "path"],
];

/// `(field, value)` of every string in `r`'s Flink configuration maps and location fields.
fn storage_values(r: &Resource) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for place in flink_configuration_maps(r.kind) {
        if let Some(map) = r.spec_get(place.tokens) {
            strings(map, &r.spec_field(place.tokens), &mut out);
        }
    }
    if matches!(
        r.kind,
        Kind::FlinkDeployment
            | Kind::FlinkSessionJob
            | Kind::FlinkBlueGreenDeployment
            | Kind::Application
            | Kind::FlinkStateSnapshot
    ) {
        for tokens in LOCATION_FIELDS {
            if let Some(v) = r.spec_str(tokens) {
                out.push((r.spec_field(tokens), v));
            }
        }
    }
    out
}

fn strings<'v>(v: &'v Value, at: &str, out: &mut Vec<(String, &'v str)>) {
    match v {
        Value::String(s) => out.push((at.to_string(), s)),
        Value::Object(m) => {
            for (k, x) in m {
                strings(x, &pointer::push(at, k), out);
            }
        }
        _ => {}
    }
}

/// URI schemes an object store type serves.
fn schemes(store_type: Option<&str>) -> &'static [&'static str] {
    match store_type {
        Some("gcs") => &["gs"],
        Some("azure") => &["abfs", "abfss", "wasb", "wasbs"],
        Some("s3" | "minio") => &["s3", "s3a", "s3p", "s3n"],
        _ => &["s3", "s3a", "s3p", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs"],
    }
}

/// The stores a configuration value points into: by bucket (a store listing it, else the
/// only store of that scheme listing none), or by endpoint for `http(s)` addresses.
fn stores_for<'a>(value: &str, stores: &[&'a Resource]) -> Vec<&'a Resource> {
    let value = value.trim();
    let Some((scheme, rest)) = value.split_once("://") else { return Vec::new() };
    let scheme = scheme.to_ascii_lowercase();
    if scheme == "http" || scheme == "https" {
        let Some(at) = Address::of_url(value) else { return Vec::new() };
        return stores
            .iter()
            .filter(|s| {
                s.spec_str(&["endpoint"]).and_then(Address::of_url).is_some_and(|e| e.matches(&at))
            })
            .copied()
            .collect();
    }
    let authority = rest.split('/').next().unwrap_or_default();
    let bucket = authority.split('@').next().unwrap_or_default();
    if bucket.is_empty() {
        return Vec::new();
    }
    let serving: Vec<&'a Resource> = stores
        .iter()
        .filter(|s| schemes(s.spec_str(&["type"])).contains(&scheme.as_str()))
        .copied()
        .collect();
    let buckets = |s: &Resource| -> Vec<String> {
        s.spec_get(&["buckets"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    };
    let listing: Vec<&'a Resource> =
        serving.iter().filter(|s| buckets(s).iter().any(|b| b == bucket)).copied().collect();
    if !listing.is_empty() {
        return listing;
    }
    let open: Vec<&'a Resource> = serving.into_iter().filter(|s| buckets(s).is_empty()).collect();
    if open.len() == 1 { open } else { Vec::new() }
}

/// A network address: host (lower case) and port, if given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    host: String,
    port: Option<u16>,
}

impl Address {
    /// The address of a URL (`https://host:port/path`); default ports for http and https.
    pub fn of_url(url: &str) -> Option<Self> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let default = match scheme.to_ascii_lowercase().as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        };
        let authority = rest.split(['/', '?', '#']).next()?;
        let authority = authority.rsplit('@').next()?;
        Self::of_host_port(authority).map(|a| Self { port: a.port.or(default), ..a })
    }

    /// The addresses of a Kafka `bootstrap.servers` list (`host:port,…`, optionally with a
    /// `PROTOCOL://` prefix).
    pub fn of_servers(list: &str) -> Vec<Self> {
        list.split([',', ' '])
            .map(|s| s.rsplit("://").next().unwrap_or(s))
            .filter_map(Self::of_host_port)
            .collect()
    }

    fn of_host_port(s: &str) -> Option<Self> {
        let s = s.trim();
        let (host, port) = match s.rsplit_once(':') {
            Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() => {
                (h, p.parse().ok())
            }
            _ => (s, None),
        };
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        (!host.is_empty()).then_some(Self { host, port })
    }

    /// The host with a Kubernetes service suffix (`.svc`, `.svc.cluster.local`) removed.
    fn short_host(&self) -> &str {
        let h = self.host.as_str();
        h.strip_suffix(".svc.cluster.local").or_else(|| h.strip_suffix(".svc")).unwrap_or(h)
    }

    /// True when both name the same endpoint: same port (when both give one) and the same
    /// host, a Kubernetes service matching its namespace-qualified forms.
    pub fn matches(&self, other: &Address) -> bool {
        if let (Some(a), Some(b)) = (self.port, other.port)
            && a != b
        {
            return false;
        }
        let (a, b) = (self.short_host(), other.short_host());
        if a == b {
            return true;
        }
        // `svc` ≡ `svc.ns`: a bare service name resolves in the client's own namespace.
        let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
        !short.contains('.')
            && long
                .strip_prefix(short)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|namespace| !namespace.contains('.'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::design::Design;
    use crate::core::import::import_text;

    fn design(yaml: &str) -> Design {
        let mut d = Design::new();
        import_text(&mut d, "t.yaml", yaml);
        d.assign_scopes(None, None);
        d
    }

    fn all_links(d: &Design) -> Vec<(String, EdgeKind, String, String)> {
        let targets = LinkTargets::of(&d.resources);
        let name = |id: ResourceId| d.get(id).map(|r| r.name().to_string()).unwrap_or_default();
        d.resources
            .iter()
            .flat_map(|r| links(r, &targets).into_iter().map(move |l| (r, l)))
            .map(|(r, l)| (r.name().to_string(), l.edge, l.field, name(l.to)))
            .collect()
    }

    const STUDIO: &str = "apiVersion: studio.flinkstudio.dev/v1";

    #[test]
    fn addresses_match_by_host_and_port_and_service_name() {
        let url = |s| Address::of_url(s).unwrap();
        assert!(
            url("https://cmf:8080").matches(&url("https://cmf.confluent.svc.cluster.local:8080/x"))
        );
        assert!(url("http://cmf").matches(&url("http://CMF:80")));
        assert!(!url("http://cmf:8080").matches(&url("http://cmf:8081")));
        assert!(!url("http://cmf.a").matches(&url("http://cmf.b")));
        assert!(!url("http://cmf").matches(&url("http://cmf.a.example.com")));
        let servers = Address::of_servers("SASL_SSL://kafka.confluent:9092, other:9092");
        assert_eq!(servers.len(), 2);
        assert!(servers[0].matches(&Address::of_servers("kafka:9092")[0]));
        assert!(Address::of_url("not a url").is_none());
    }

    #[test]
    fn installs_link_to_what_they_act_on() {
        let d = design(&format!(
            "{STUDIO}\nkind: ConfluentForKubernetes\nmetadata: {{name: cfk, namespace: confluent}}\nspec: {{}}\n---\n\
             {STUDIO}\nkind: CmfService\nmetadata: {{name: cmf, namespace: confluent}}\nspec: {{url: 'https://cmf-service.confluent.svc.cluster.local:8080'}}\n---\n\
             apiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {{name: default, namespace: confluent}}\n\
             spec: {{cmfRest: {{endpoint: 'https://cmf-service.confluent:8080'}}}}\n---\n\
             apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\nmetadata: {{name: prod, namespace: confluent}}\nspec: {{kubernetesNamespace: apps}}\n---\n\
             name: dev\nkubernetesNamespace: apps\n"
        ));
        let got = all_links(&d);
        let expect = |from: &str, edge, field: &str, to: &str| {
            let want = (from.to_string(), edge, field.to_string(), to.to_string());
            assert!(got.contains(&want), "{want:?} not in {got:#?}");
        };
        expect("cfk", EdgeKind::Reconciles, "", "default");
        expect("cfk", EdgeKind::Reconciles, "", "prod");
        expect("cmf", EdgeKind::Manages, "", "prod");
        expect("cmf", EdgeKind::Manages, "", "dev");
        expect("default", EdgeKind::Endpoint, "/spec/cmfRest/endpoint", "cmf");
        assert_eq!(got.len(), 5, "{got:#?}");
        // A namespaced CFK reconciles only the listed namespaces.
        let mut d = d;
        let cfk = d.resources[0].id;
        d.get_mut(cfk).unwrap().doc["spec"] =
            serde_json::json!({"namespaced": true, "namespaceList": ["elsewhere"]});
        assert!(all_links(&d).iter().all(|l| l.1 != EdgeKind::Reconciles));
    }

    #[test]
    fn catalogs_databases_and_state_reach_the_external_systems_they_name() {
        let d = design(&format!(
            "{STUDIO}\nkind: KafkaCluster\nmetadata: {{name: kafka}}\nspec: {{bootstrapServers: 'kafka.confluent.svc.cluster.local:9071'}}\n---\n\
             {STUDIO}\nkind: SchemaRegistry\nmetadata: {{name: sr}}\nspec: {{url: 'http://schemaregistry.confluent:8081'}}\n---\n\
             {STUDIO}\nkind: ObjectStore\nmetadata: {{name: minio}}\nspec: {{type: minio, endpoint: 'http://minio.minio:9000', buckets: [flink-state, jars]}}\n---\n\
             {STUDIO}\nkind: ObjectStore\nmetadata: {{name: gcs}}\nspec: {{type: gcs}}\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {{name: cat}}\n\
             spec: {{srInstance: {{connectionConfig: {{schema.registry.url: 'http://schemaregistry.confluent.svc.cluster.local:8081'}}}}}}\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {{name: db}}\n\
             spec: {{kafkaCluster: {{connectionConfig: {{bootstrap.servers: 'kafka.confluent:9071'}}}}}}\n---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: app, namespace: flink}}\n\
             spec:\n  flinkConfiguration:\n    execution.checkpointing.dir: s3://flink-state/cp\n    s3.endpoint: http://minio.minio:9000\n    \
             state: {{savepoints.dir: 'gs://other/sp'}}\n    pipeline.name: s3://nowhere/x\n  job: {{jarURI: 's3://jars/job.jar'}}\n"
        ));
        let got = all_links(&d);
        let fields: Vec<(&str, &str, &str)> =
            got.iter().map(|l| (l.0.as_str(), l.2.as_str(), l.3.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("cat", "/spec/srInstance/connectionConfig/schema.registry.url", "sr"),
                ("db", "/spec/kafkaCluster/connectionConfig/bootstrap.servers", "kafka"),
                ("app", "/spec/flinkConfiguration/execution.checkpointing.dir", "minio"),
                ("app", "/spec/flinkConfiguration/s3.endpoint", "minio"),
                ("app", "/spec/flinkConfiguration/state/savepoints.dir", "gcs"),
                ("app", "/spec/job/jarURI", "minio"),
            ]
        );
        assert!(got.iter().filter(|l| l.0 == "app").all(|l| l.1 == EdgeKind::Storage));
    }
}

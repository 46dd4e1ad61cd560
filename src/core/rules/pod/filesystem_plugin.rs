//! POD-009 — object-storage paths need a filesystem plugin in the image.
//!
//! What it checks: checkpoint, savepoint, HA and archive directories and `job.jarURI` with
//! an object-storage scheme (`s3://`, `s3a://`, `s3p://`, `gs://`, `abfs(s)://`,
//! `wasb(s)://`, `oss://`), when the pods that read them (JobManager and TaskManagers for
//! checkpoints and savepoints, the JobManager for HA storage, the archive and the jar) do
//! not enable the matching plugin through `ENABLE_BUILT_IN_PLUGINS` on
//! `flink-main-container`; the message names the pods that lack it.
//! Why: Flink loads these filesystems only from `/opt/flink/plugins`; without the plugin the
//! job fails with "Could not find a file system implementation for scheme 's3'". The studio
//! cannot see inside the image, so this is a reminder to verify.
//! How to fix: set `ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-hadoop-<version>.jar` (or the
//! plugin for your scheme) on `flink-main-container`, or use an image that ships it.

use serde_json::Value;

use crate::core::cluster::Setting;
use crate::core::finding::Severity;
use crate::core::podtemplate::{Role, inspect};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct FilesystemPlugin;

/// Scheme → plugin jar prefixes that provide it.
const PLUGINS: &[(&str, &[&str])] = &[
    ("s3", &["flink-s3-fs-hadoop", "flink-s3-fs-presto"]),
    ("s3a", &["flink-s3-fs-hadoop"]),
    ("s3p", &["flink-s3-fs-presto"]),
    ("gs", &["flink-gs-fs-hadoop"]),
    ("abfs", &["flink-azure-fs-hadoop"]),
    ("abfss", &["flink-azure-fs-hadoop"]),
    ("wasb", &["flink-azure-fs-hadoop"]),
    ("wasbs", &["flink-azure-fs-hadoop"]),
    ("oss", &["flink-oss-fs-hadoop"]),
];

fn plugins_for(uri: &str) -> Option<(&'static str, &'static [&'static str])> {
    let scheme = uri.trim().split_once("://")?.0.to_ascii_lowercase();
    PLUGINS.iter().find(|(s, _)| *s == scheme).copied()
}

impl Rule for FilesystemPlugin {
    fn id(&self) -> &'static str {
        "POD-009"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Object-storage paths need the matching filesystem plugin in the image"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let conf = cx.site_conf(&site);
                // What each pod's flink-main-container enables (nothing without a template).
                let templates = site.deployed_role_templates(conf.array_merge());
                let enabled = |role: Role| -> String {
                    templates
                        .iter()
                        .filter(|(r, _)| *r == role)
                        .filter_map(|(_, m)| inspect::main_container(&m.value).map(|(_, c)| c))
                        .filter_map(|c| c.get("env").and_then(Value::as_array))
                        .flatten()
                        .filter(|e| {
                            e.get("name").and_then(Value::as_str) == Some("ENABLE_BUILT_IN_PLUGINS")
                        })
                        .filter_map(|e| e.get("value").and_then(Value::as_str))
                        .collect::<Vec<_>>()
                        .join(";")
                };
                let at = |s: &Setting<'_>| s.pointer_in(r).unwrap_or(&site.pointer).to_string();
                // (uri, where it is set, the pods that read it)
                let mut uris: Vec<(String, String, &[Role])> = conf
                    .state_dirs()
                    .into_iter()
                    .map(|d| (d.dir.clone(), at(&d.setting), d.kind.roles()))
                    .collect();
                if let Some(s) = conf.setting("jobmanager.archive.fs.dir") {
                    uris.push((s.value.clone(), at(&s), &[Role::JobManager]));
                }
                if let Some(jar) = site.str(&["job", "jarURI"]) {
                    uris.push((
                        jar.to_string(),
                        site.field(&["job", "jarURI"]),
                        &[Role::JobManager],
                    ));
                }
                let mut reported: Vec<&str> = Vec::new();
                for (uri, at, roles) in uris {
                    let Some((scheme, jars)) = plugins_for(&uri) else { continue };
                    let lacking: Vec<&str> = roles
                        .iter()
                        .filter(|role| !jars.iter().any(|j| enabled(**role).contains(j)))
                        .map(|role| role.label())
                        .collect();
                    if lacking.is_empty() || reported.contains(&jars[0]) {
                        continue;
                    }
                    reported.push(jars[0]);
                    let pods = if lacking.len() > 1 { "pods" } else { "pod" };
                    let f = out.report(
                        r,
                        &at,
                        format!(
                            "{uri} needs the {} filesystem plugin ({scheme}://) in the {} {pods}; verify the image ships it",
                            jars.join(" or "),
                            lacking.join(" and ")
                        ),
                    );
                    f.hint(format!(
                        "set ENABLE_BUILT_IN_PLUGINS={}-<flink version>.jar on flink-main-container of the {} {pods}, or use an image with the plugin in /opt/flink/plugins",
                        jars[0],
                        lacking.join(" and ")
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const APP: &str = "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec:\n  \
                       flinkConfiguration:\n    state.checkpoints.dir: s3://b/cp\n    state.savepoints.dir: s3://b/sp\n";

    #[test]
    fn fires_once_per_plugin() {
        let f = check(&FilesystemPlugin, APP);
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state.checkpoints.dir".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(6));
        assert!(f[0].message.contains("flink-s3-fs-hadoop or flink-s3-fs-presto"));
    }

    #[test]
    fn silent_when_the_plugin_is_enabled() {
        let yaml = format!(
            "{APP}  podTemplate:\n    spec:\n      containers:\n      - name: flink-main-container\n        \
             env: [{{name: ENABLE_BUILT_IN_PLUGINS, value: flink-s3-fs-presto-1.19.1.jar}}]\n"
        );
        assert!(check(&FilesystemPlugin, &yaml).is_empty());
    }

    #[test]
    fn names_the_pods_that_lack_the_plugin() {
        // Enabled on the JobManager only: the TaskManagers still write checkpoints.
        let yaml = format!(
            "{APP}  jobManager:\n    podTemplate:\n      spec:\n        containers:\n        - name: flink-main-container\n          \
             env: [{{name: ENABLE_BUILT_IN_PLUGINS, value: flink-s3-fs-presto-1.19.1.jar}}]\n"
        );
        let f = check(&FilesystemPlugin, &yaml);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("in the TaskManager pod;"), "{}", f[0].message);
        assert!(
            check(&FilesystemPlugin, APP)[0]
                .message
                .contains("in the JobManager and TaskManager pods")
        );
    }
}

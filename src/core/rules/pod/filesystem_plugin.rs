//! POD-009 — object-storage paths need a filesystem plugin in the image.
//!
//! What it checks: checkpoint, savepoint, HA and archive directories and `job.jarURI` with
//! an object-storage scheme (`s3://`, `s3a://`, `s3p://`, `gs://`, `abfs(s)://`,
//! `wasb(s)://`, `oss://`), when the pods that read them (JobManager and TaskManagers for
//! checkpoints and savepoints, the JobManager for HA storage, the archive and the jar) do
//! not enable the matching plugin through `ENABLE_BUILT_IN_PLUGINS` on
//! `flink-main-container`; the message names the pods that lack it. Which plugin serves a
//! scheme is `core::flink::filesystem` (from Flink 2.3 the native `flink-s3-fs-native`
//! serves `s3://` too).
//! Why: Flink loads these filesystems only from `/opt/flink/plugins`; without the plugin the
//! job fails with "Could not find a file system implementation for scheme 's3'". The studio
//! cannot see inside the image, so this is a reminder to verify.
//! How to fix: set `ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-hadoop-<version>.jar` (on Flink
//! 2.3+ `flink-s3-fs-native-<version>.jar`, or the plugin for your scheme) on
//! `flink-main-container`, or use an image that ships it.

use serde_json::Value;

use crate::core::cluster::Setting;
use crate::core::finding::Severity;
use crate::core::flink::filesystem::plugins_for;
use crate::core::flink::version::FlinkVersion;
use crate::core::podtemplate::{Role, inspect};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct FilesystemPlugin;

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
                let version = conf
                    .effective()
                    .and_then(|c| c.flink_version)
                    .or_else(|| site.str(&["flinkVersion"]).and_then(FlinkVersion::parse));
                // What each pod's flink-main-container enables (nothing without a template).
                let templates = cx.deployed_role_templates(&site, conf.array_merge());
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
                    let Some((scheme, jars)) = plugins_for(&uri, version) else { continue };
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
    fn the_native_s3_plugin_counts_from_flink_2_3() {
        let on = |v: FlinkVersion, plugin: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  \
                 flinkVersion: {}\n  flinkConfiguration:\n    execution.checkpointing.dir: s3://b/cp\n  \
                 podTemplate:\n    spec:\n      containers:\n      - name: flink-main-container\n        \
                 env: [{{name: ENABLE_BUILT_IN_PLUGINS, value: {plugin}}}]\n",
                v.enum_name()
            )
        };
        let native = crate::core::flink::filesystem::NATIVE_S3_SINCE;
        assert!(check(&FilesystemPlugin, &on(native, "flink-s3-fs-native-2.3.0.jar")).is_empty());
        // Without it, the hint names the native plugin first on 2.3.
        let f = check(&FilesystemPlugin, &on(native, "flink-json-2.3.0.jar"));
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("flink-s3-fs-native or flink-s3-fs-hadoop"),
            "{}",
            f[0].message
        );
        assert!(f[0].hint.starts_with("set ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-native-"));
        // Flink 2.2 has no native plugin: enabling that name does not count.
        let f =
            check(&FilesystemPlugin, &on(FlinkVersion::new(2, 2), "flink-s3-fs-native-2.2.0.jar"));
        assert_eq!(f.len(), 1);
        assert!(f[0].hint.starts_with("set ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-hadoop-"));
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

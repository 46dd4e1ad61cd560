//! POD-009 — object-storage paths need a filesystem plugin in the image.
//!
//! What it checks: checkpoint, savepoint, HA and archive directories and `job.jarURI` with
//! an object-storage scheme (`s3://`, `s3a://`, `s3p://`, `gs://`, `abfs(s)://`,
//! `wasb(s)://`, `oss://`), when no pod template enables the matching plugin through
//! `ENABLE_BUILT_IN_PLUGINS` on `flink-main-container` (`core::flink::filesystem`: from
//! Flink 2.3 the native `flink-s3-fs-native` serves `s3://` too).
//! Why: Flink loads these filesystems only from `/opt/flink/plugins`; without the plugin the
//! job fails with "Could not find a file system implementation for scheme 's3'". The studio
//! cannot see inside the image, so this is a reminder to verify.
//! How to fix: set `ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-hadoop-<version>.jar` (on Flink
//! 2.3+ `flink-s3-fs-native-<version>.jar`, or the plugin for your scheme) on
//! `flink-main-container`, or use an image that ships it.

use serde_json::Value;

use super::util::{SiteConfig, merged_templates, state_dirs};
use crate::core::config::Scope;
use crate::core::finding::Severity;
use crate::core::flink::filesystem::plugins_for;
use crate::core::flink::version::FlinkVersion;
use crate::core::podtemplate::{inspect, spec_sites};
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
            let effective = cx.config(r.id, Scope::Cluster).and_then(|c| c.flink_version);
            for site in spec_sites(r) {
                let conf = SiteConfig::of(cx, r, &site);
                let version =
                    effective.or_else(|| site.str(&["flinkVersion"]).and_then(FlinkVersion::parse));
                let enabled: String = merged_templates(&site, conf.array_merge())
                    .iter()
                    .filter_map(|(_, m)| inspect::main_container(&m.value).map(|(_, c)| c.clone()))
                    .flat_map(|c| {
                        c.get("env").and_then(Value::as_array).cloned().unwrap_or_default()
                    })
                    .filter(|e| {
                        e.get("name").and_then(Value::as_str) == Some("ENABLE_BUILT_IN_PLUGINS")
                    })
                    .filter_map(|e| e.get("value").and_then(Value::as_str).map(str::to_string))
                    .collect::<Vec<_>>()
                    .join(";");
                let mut uris: Vec<(String, String)> = state_dirs(&conf)
                    .into_iter()
                    .map(|(_, s, d)| (d, s.pointer.unwrap_or_else(|| site.pointer.clone())))
                    .collect();
                if let Some(s) = conf.get("jobmanager.archive.fs.dir") {
                    uris.push((s.value, s.pointer.unwrap_or_else(|| site.pointer.clone())));
                }
                if let Some(jar) = site.str(&["job", "jarURI"]) {
                    uris.push((jar.to_string(), site.field(&["job", "jarURI"])));
                }
                let mut reported: Vec<&str> = Vec::new();
                for (uri, at) in uris {
                    let Some((scheme, jars)) = plugins_for(&uri, version) else { continue };
                    if jars.iter().any(|j| enabled.contains(j)) || reported.contains(&jars[0]) {
                        continue;
                    }
                    reported.push(jars[0]);
                    out.report(
                        r,
                        &at,
                        format!("{uri} needs the {} filesystem plugin ({scheme}://); verify the image ships it", jars.join(" or ")),
                    )
                    .hint(format!(
                        "set ENABLE_BUILT_IN_PLUGINS={}-<flink version>.jar on flink-main-container, or use an image with the plugin in /opt/flink/plugins",
                        jars[0]
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
}

//! POD-001 — the main container must be named `flink-main-container`.
//!
//! What it checks: a merged JobManager/TaskManager template declares containers, none is
//! named `flink-main-container`, and one of them is evidently meant for Flink (its name or
//! image mentions flink/jobmanager/taskmanager, it mounts under `/opt/flink` or a configured
//! local state directory, or it sets `FLINK_*` / `ENABLE_BUILT_IN_PLUGINS`).
//! Why: Flink only customises the container named `flink-main-container`; any other is a
//! sidecar. Flink adds its own main container without those mounts and environment, and the
//! misnamed one runs the image's default entrypoint next to it.
//! How to fix: rename the container to `flink-main-container`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::podtemplate::{MAIN_CONTAINER, inspect};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct MainContainerName;

fn flinkish(c: &Value, dirs: &[String]) -> bool {
    let text = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    let named = ["flink", "jobmanager", "taskmanager"]
        .iter()
        .any(|w| text("name").contains(w) || text("image").contains(w));
    let mounts = inspect::mounts(c).iter().any(|m| {
        m.mount_path.starts_with("/opt/flink")
            || dirs.iter().any(|d| inspect::is_under(d, m.mount_path))
    });
    let env = c.get("env").and_then(Value::as_array).into_iter().flatten().any(|e| {
        let n = e.get("name").and_then(Value::as_str).unwrap_or("");
        n.starts_with("FLINK_") || n == "ENABLE_BUILT_IN_PLUGINS"
    });
    named || mounts || env
}

impl Rule for MainContainerName {
    fn id(&self) -> &'static str {
        "POD-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "The Flink container of a pod template must be named flink-main-container"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let conf = cx.site_conf(&site);
                let dirs: Vec<String> = conf
                    .state_dirs()
                    .iter()
                    .filter_map(|d| inspect::local_path(&d.dir).map(str::to_string))
                    .collect();
                // Per written container: its name and the pods that lack a main container.
                let mut found: BTreeMap<String, (String, Vec<&str>)> = BTreeMap::new();
                for (role, m) in cx.role_templates(&site, conf.array_merge()).iter() {
                    if inspect::main_container(&m.value).is_some() {
                        continue;
                    }
                    for (i, c) in inspect::containers(&m.value).filter(|(_, c)| flinkish(c, &dirs))
                    {
                        let at = m
                            .origin_of(&format!("/spec/containers/{i}/name"))
                            .unwrap_or(&site.pointer)
                            .to_string();
                        let name = inspect::container_name(c).to_string();
                        found.entry(at).or_insert_with(|| (name, Vec::new())).1.push(role.label());
                    }
                }
                for (at, (name, pods)) in found {
                    let f = out.report(
                        r,
                        &at,
                        format!(
                            "container '{name}' looks like the Flink container but the {} {} no container {MAIN_CONTAINER}; Flink treats it as a sidecar",
                            pods.join(" and "),
                            if pods.len() > 1 { "pod templates name" } else { "pod template names" }
                        ),
                    );
                    f.hint(format!("name the main container {MAIN_CONTAINER}"));
                    if !site.complete() {
                        f.severity(Severity::Warning);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn app(container: &str) -> String {
        format!(
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {{name: a}}\nspec:\n  \
             podTemplate:\n    spec:\n      containers:\n      - name: {container}\n        \
             volumeMounts: [{{name: v, mountPath: /opt/flink/downloads}}]\n      - name: fluent-bit\n"
        )
    }

    #[test]
    fn fires_on_a_misnamed_flink_container() {
        let f = check(&MainContainerName, &app("main"));
        assert_eq!(
            pointers(&f),
            [("/spec/podTemplate/spec/containers/0/name".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(8));
        assert!(f[0].message.starts_with("container 'main'"));
    }

    #[test]
    fn silent_with_a_main_container_or_only_sidecars() {
        assert!(check(&MainContainerName, &app("flink-main-container")).is_empty());
        let sidecars = app("main").replace("/opt/flink/downloads", "/logs");
        assert!(check(&MainContainerName, &sidecars).is_empty());
    }

    #[test]
    fn says_which_pods_lack_the_main_container() {
        // The TaskManager template names its main container; the JobManager's pod has
        // only the common template's misnamed one.
        let y = "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec:\n  \
            podTemplate:\n    spec:\n      containers: [{name: flink, image: cp-flink}]\n  \
            taskManager:\n    podTemplate:\n      spec:\n        containers: [{name: flink-main-container}]\n";
        let f = check(&MainContainerName, y);
        assert_eq!(
            pointers(&f),
            [("/spec/podTemplate/spec/containers/0/name".into(), Severity::Error)]
        );
        assert!(
            f[0].message.contains("the JobManager pod template names no container"),
            "{}",
            f[0].message
        );
    }
}

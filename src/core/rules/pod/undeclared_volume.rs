//! POD-003 — a volume mount without a matching volume.
//!
//! What it checks: in the merged JobManager and TaskManager templates (FKO merge, honouring
//! `kubernetes.operator.pod-template.merge-arrays-by-name`), every `volumeMounts[].name` of
//! every container and init container names a `volumes[].name`, or a volume Flink adds
//! itself (`flink-config-volume`, `hadoop-config-volume`, the Kerberos volumes, and
//! `<secret>-volume` for each `kubernetes.secrets` entry).
//! Why: Kubernetes rejects the pod ("volumeMounts…name: Not found") and the JobManager
//! deployment or TaskManager pods never start. A positional merge (POD-002) can rename a
//! volume and cause this even when each template looks right on its own.
//! How to fix: declare the volume in the same template (or the common one), or fix the name.

use std::collections::BTreeMap;

use crate::core::finding::Severity;
use crate::core::podtemplate::inspect;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct UndeclaredVolume;

const FLINK_VOLUMES: &[&str] = &[
    "flink-config-volume",
    "hadoop-config-volume",
    "kerberos-keytab-volume",
    "kerberos-krb5conf-volume",
];

impl Rule for UndeclaredVolume {
    fn id(&self) -> &'static str {
        "POD-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Every volumeMounts[].name must match a declared volume in the merged pod template"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let conf = cx.site_conf(&site);
                let secrets: Vec<String> = conf
                    .value("kubernetes.secrets")
                    .unwrap_or_default()
                    .split([',', ';'])
                    .filter_map(|e| e.split(':').next())
                    .map(|s| format!("{}-volume", s.trim()))
                    .collect();
                // Document pointer of the mount → (volume, mount path, pods missing it).
                let mut found: BTreeMap<String, (String, String, Vec<&str>)> = BTreeMap::new();
                for (role, m) in cx.role_templates(&site, conf.array_merge()).iter() {
                    let declared: Vec<&str> =
                        inspect::volumes(&m.value).iter().map(|v| v.name).collect();
                    for (list, items) in [
                        ("containers", inspect::containers(&m.value).collect::<Vec<_>>()),
                        ("initContainers", inspect::init_containers(&m.value).collect()),
                    ] {
                        for (ci, c) in items {
                            for mount in inspect::mounts(c) {
                                let name = mount.name;
                                if declared.contains(&name)
                                    || FLINK_VOLUMES.contains(&name)
                                    || secrets.iter().any(|s| s == name)
                                {
                                    continue;
                                }
                                let at = format!("/spec/{list}/{ci}/volumeMounts/{}", mount.index);
                                let origin = m.origin_of(&at).unwrap_or(&site.pointer);
                                let e =
                                    found.entry(format!("{origin}/name")).or_insert_with(|| {
                                        (name.to_string(), mount.mount_path.to_string(), Vec::new())
                                    });
                                e.2.push(role.label());
                            }
                        }
                    }
                }
                for (at, (name, path, roles)) in found {
                    let f = out.report(
                        r,
                        &at,
                        format!(
                            "volume '{name}' is mounted at {path} but not declared in the {} pod template",
                            roles.join(" and ")
                        ),
                    );
                    f.hint(format!("add a volume named '{name}' under volumes of the same (or the common) pod template"));
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

    const FD: &str =
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d}\nspec:\n";

    #[test]
    fn fires_on_a_mount_without_volume() {
        let f = check(
            &UndeclaredVolume,
            &format!(
                "{FD}  podTemplate:\n    spec:\n      containers:\n      - name: flink-main-container\n        \
                 volumeMounts:\n        - {{name: data, mountPath: /data}}\n        - {{name: flink-config-volume, mountPath: /opt/flink/conf}}\n"
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/podTemplate/spec/containers/0/volumeMounts/0/name".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(10));
        assert!(f[0].message.contains("JobManager and TaskManager"), "{}", f[0].message);
    }

    #[test]
    fn a_positional_merge_can_rename_the_volume() {
        let yaml = format!(
            "{FD}  podTemplate:\n    spec:\n      containers:\n      - name: flink-main-container\n        \
             volumeMounts: [{{name: data, mountPath: /data}}]\n      volumes: [{{name: data, emptyDir: {{}}}}]\n  \
             taskManager:\n    podTemplate:\n      spec:\n        volumes: [{{name: cache, emptyDir: {{}}}}]\n"
        );
        let f = check(&UndeclaredVolume, &yaml);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.ends_with("in the TaskManager pod template"), "{}", f[0].message);
        let by_name = yaml.replace("spec:\n  podTemplate", "spec:\n  flinkConfiguration: {kubernetes.operator.pod-template.merge-arrays-by-name: true}\n  podTemplate");
        assert!(check(&UndeclaredVolume, &by_name).is_empty());
    }
}

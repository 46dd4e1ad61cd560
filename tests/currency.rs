//! Today's official examples raise no error and no warning about versions at the default
//! targets (FKO 1.16, CMF 2.5, Flink 2.3), and the same designs are judged by the older
//! releases' rules when a design targets them.

use std::fs;

use flink_studio::core::design::Design;
use flink_studio::core::finding::{Finding, Severity};
use flink_studio::core::import::import_text;
use flink_studio::core::rules;
use flink_studio::core::targets::{TargetOverrides, Targets, Version};

fn validate(texts: &[(&str, &str)], overrides: TargetOverrides) -> Vec<Finding> {
    let mut design = Design::new();
    let mut findings = Vec::new();
    for (name, text) in texts {
        findings.extend(import_text(&mut design, name, text).1);
    }
    design.assign_scopes(None, None);
    findings.extend(rules::validate(&design, Targets::of(&design, overrides)));
    findings
}

fn serious(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {:?} {} {}", f.rule, f.severity, f.pointer, f.message))
        .collect()
}

/// The dedicated pool of Confluent's "Flink Versions for Statements in Confluent Manager
/// for Apache Flink" page (docs.confluent.io/cp-flink/current/jobs/sql-statements/
/// flink-versions.html), verbatim.
const CMF_2_5_POOL: &str = r#"{
  "apiVersion": "cmf.confluent.io/v1",
  "kind": "ComputePool",
  "metadata": {
    "name": "pool-2-3"
  },
  "spec": {
    "type": "DEDICATED",
    "clusterSpec": {
      "flinkVersion": "v2_3",
      "image": "confluentinc/cp-flink-sql:2.3-cmf2.5-cp1",
      "taskManager": {
        "resource": {
          "cpu": 1.0,
          "memory": "1024m"
        }
      },
      "jobManager": {
        "resource": {
          "cpu": 0.5,
          "memory": "1024m"
        }
      }
    }
  }
}"#;

/// The environment the pool is created in (`confluent flink compute-pool create
/// --environment development`) and its namespace.
const ENVIRONMENT: &str = "{\"name\": \"development\", \"kubernetesNamespace\": \"flink\"}";
const NAMESPACE: &str = "apiVersion: v1\nkind: Namespace\nmetadata: {name: flink}\n";

#[test]
fn the_cmf_2_5_pool_example_is_clean_at_the_default_targets() {
    let texts = [
        ("namespace.yaml", NAMESPACE),
        ("environment.json", ENVIRONMENT),
        ("pool-2-3.json", CMF_2_5_POOL),
    ];
    let f = validate(&texts, TargetOverrides::default());
    assert!(serious(&f).is_empty(), "{:#?}", serious(&f));
    // CMF 2.3 runs SQL on Flink 1.19 only: the same pool is an error there.
    let cmf_2_3 = TargetOverrides { cmf: Some(Version::new(2, 3, 1)), ..Default::default() };
    let f = validate(&texts, cmf_2_3);
    assert!(f.iter().any(|f| f.rule == "CMF-POOL-005" && f.severity == Severity::Error));
}

fn fko_example(name: &str) -> String {
    let path = flink_studio::core::shared_material::path("corpus/fko-examples").join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

#[test]
fn fko_resource_requirements_are_current_from_1_16() {
    let text = fko_example("basic-checkpoint-ha.yaml");
    assert!(text.contains("resources:"), "the example uses jobManager/taskManager.resources");
    let texts = [("basic-checkpoint-ha.yaml", text.as_str())];
    let f = validate(&texts, TargetOverrides::default());
    assert!(!f.iter().any(|f| f.rule == "OPS-FKO-005"), "{:#?}", serious(&f));
    let fko_1_15 = TargetOverrides { fko: Some(Version::new(1, 15, 0)), ..Default::default() };
    let f = validate(&texts, fko_1_15);
    let old = f.iter().find(|f| f.rule == "OPS-FKO-005").expect("a warning below 1.16");
    assert!(old.message.contains("needs FKO 1.16"), "{}", old.message);
}

#[test]
fn flink_2_3_keys_are_known() {
    let fd = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a, namespace: flink}\n\
              spec:\n  flinkVersion: v2_3\n  flinkConfiguration:\n    \
              taskmanager.network.adaptive-partitioner.enabled: 'true'\n    \
              execution.checkpointing.unaligned.recover-output-on-downstream.enabled: 'true'\n    \
              pipeline.watermark-alignment.buffer-size: '100'\n    \
              job.autoscaler.scaling.parallelism-alignment.mode: EVENLY_SPREAD\n";
    let f = validate(&[("fd.yaml", fd)], TargetOverrides::default());
    let unknown: Vec<_> = f.iter().filter(|f| f.rule.starts_with("CFG-KEY-00")).collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
}

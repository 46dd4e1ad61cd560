//! `fstudio review` and `fstudio validate --baseline`: exit codes CI gates on, the JSON
//! and SARIF documented in README, baselines from kubectl output and from git.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fstudio_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fstudio"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run fstudio")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fstudio-review-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// An application deployment with state on S3 and savepoint upgrades.
fn deployment(image: &str, mode: &str, savepoints: &str) -> String {
    format!(
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: orders\n  namespace: flink\n\
         spec:\n  image: {image}\n  flinkVersion: v1_20\n  serviceAccount: flink\n  flinkConfiguration:\n    \
         execution.checkpointing.dir: s3://b/cp\n    execution.checkpointing.savepoint-dir: {savepoints}\n    \
         execution.checkpointing.interval: 10s\n  jobManager:\n    resource: {{memory: 1g, cpu: 1}}\n  \
         taskManager:\n    resource: {{memory: 2g, cpu: 1}}\n  job:\n    jarURI: local:///opt/a.jar\n    \
         parallelism: 2\n    upgradeMode: {mode}\n"
    )
}

/// `kubectl get flinkdeployments -o yaml` of the same deployment, running.
fn kubectl_list(body: &str) -> String {
    let indented: String = body.lines().map(|l| format!("  {l}\n")).collect();
    format!(
        "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n-{}  status:\n    lifecycleState: STABLE\n    jobStatus:\n      state: RUNNING\n",
        &indented[1..]
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    fs::write(dir.join(name), text).unwrap();
    name.to_string()
}

#[test]
fn exit_codes_say_safe_refused_unreadable_or_state_at_risk() {
    let dir = temp("codes");
    let old =
        write(&dir, "old.yaml", &kubectl_list(&deployment("flink:1.20", "savepoint", "s3://b/sp")));
    let safe = write(&dir, "safe.yaml", &deployment("flink:1.20.3", "savepoint", "s3://b/sp"));
    let o = fstudio_in(&dir, &["review", "--baseline", &old, &safe]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("FlinkDeployment flink/orders (changed): REDEPLOY, state SAVEPOINT"),
        "{text}"
    );
    assert!(text.contains("[baseline] the baseline's status says RUNNING"), "{text}");

    let lost = write(&dir, "lost.yaml", &deployment("flink:1.20.3", "stateless", "s3://b/sp"));
    assert_eq!(fstudio_in(&dir, &["review", "--baseline", &old, &lost]).status.code(), Some(3));

    let refused = write(
        &dir,
        "refused.yaml",
        &deployment("flink:1.20", "savepoint", "s3://b/sp")
            .replace("  serviceAccount:", "  mode: standalone\n  serviceAccount:"),
    );
    let o = fstudio_in(&dir, &["review", "--baseline", &old, &refused]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("error[FKO-CHG-002]"));

    assert_eq!(
        fstudio_in(&dir, &["review", "--baseline", "missing.yaml", &safe]).status.code(),
        Some(2)
    );
    assert_eq!(fstudio_in(&dir, &["review", &safe]).status.code(), Some(2), "no baseline");
}

#[test]
fn json_has_the_documented_shape() {
    let dir = temp("json");
    let old = write(
        &dir,
        "old.yaml",
        &kubectl_list(&deployment("flink:1.20", "savepoint", "file:///tmp/sp")),
    );
    let new = write(&dir, "new.yaml", &deployment("flink:1.20.3", "savepoint", "file:///tmp/sp"));
    let o = fstudio_in(&dir, &["review", "--format", "json", "--baseline", &old, &new]);
    assert_eq!(o.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["version"], 1);
    assert_eq!(v["baseline"], "old.yaml");
    let c = &v["changes"][0];
    assert_eq!(c["change"], "changed");
    assert_eq!(c["resource"]["kind"], "FlinkDeployment");
    assert_eq!(
        c["fields"][0],
        serde_json::json!({"path": "/spec/image", "before": "flink:1.20", "after": "flink:1.20.3"})
    );
    let verdict = &c["verdict"];
    assert_eq!(verdict["action"], "redeploy");
    assert_eq!(verdict["state"], "lost");
    assert!(verdict["stateReason"].as_str().unwrap().contains("file:///tmp/sp"));
    assert_eq!(verdict["risk"]["downtime"], "redeploy");
    assert_eq!(verdict["risk"]["rollback"]["sameWay"], false);
    assert_eq!(verdict["evidence"][0]["side"], "before");
    assert!(verdict["steps"][0]["commands"].as_array().unwrap().len() > 3);
    assert_eq!(verdict["reasons"][0]["cause"], "non-durable-state");
    assert_eq!(v["findings"][0]["rule"], "FKO-CHG-009");
    assert_eq!(v["findings"][0]["file"], "new.yaml");
    let s = &v["summary"];
    assert_eq!(
        (s["changed"].as_u64(), s["stateAtRisk"].as_u64(), s["warnings"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    assert!(s["unchanged"].is_u64() && s["refused"].is_u64() && s["errors"].is_u64());
}

#[test]
fn sarif_lists_the_change_rules_and_script_writes_the_sequence() {
    let dir = temp("sarif");
    let old = write(&dir, "old.yaml", &deployment("flink:1.20", "savepoint", "s3://b/sp"));
    let new = write(&dir, "new.yaml", &deployment("flink:1.20.3", "stateless", "s3://b/sp"));
    let o = fstudio_in(
        &dir,
        &["review", "--format", "sarif", "--script", "safe.sh", "--baseline", &old, &new],
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("sarif");
    assert_eq!(v["version"], "2.1.0");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "FKO-CHG-006"));
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "FKO-CHG-006");
    assert_eq!(result["level"], "warning");
    let script = fs::read_to_string(dir.join("safe.sh")).unwrap();
    assert!(
        script.starts_with("#!/bin/sh") && script.contains("Keep job.upgradeMode: savepoint"),
        "{script}"
    );
}

#[test]
fn validate_with_a_baseline_adds_the_change_rules() {
    let dir = temp("validate");
    let old = write(&dir, "old.yaml", &deployment("flink:1.20", "savepoint", "s3://b/sp"));
    let new = write(
        &dir,
        "new.yaml",
        &deployment("flink:1.20", "savepoint", "s3://b/sp")
            .replace("  serviceAccount:", "  mode: standalone\n  serviceAccount:"),
    );
    let plain = fstudio_in(&dir, &["validate", "--format", "json", &new]);
    let v: Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(!v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "FKO-CHG-002"));
    let with = fstudio_in(&dir, &["validate", "--format", "json", "--baseline", &old, &new]);
    assert_eq!(with.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&with.stdout).unwrap();
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "FKO-CHG-002"));
    let rules = fstudio_in(&dir, &["rules"]);
    assert!(String::from_utf8_lossy(&rules.stdout).contains("FKO-CHG-002"));
}

#[test]
fn a_git_revision_is_a_baseline() {
    let dir = temp("git");
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .current_dir(&dir)
            .args([
                "-c",
                "user.email=t@example.com",
                "-c",
                "user.name=t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .expect("git");
        assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    fs::create_dir_all(dir.join("deploy")).unwrap();
    write(&dir, "deploy/orders.yaml", &deployment("flink:1.20", "savepoint", "s3://b/sp"));
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "deployed"]);
    write(
        &dir,
        "deploy/orders.yaml",
        &deployment("flink:1.20", "savepoint", "s3://b/sp")
            .replace("parallelism: 2", "parallelism: 4"),
    );
    let o = fstudio_in(
        &dir,
        &["review", "--format", "json", "--baseline", "git:HEAD:deploy", "deploy"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["baseline"], "git:HEAD:deploy");
    assert_eq!(v["changes"][0]["fields"][0]["path"], "/spec/job/parallelism");
    assert_eq!(v["changes"][0]["verdict"]["state"], "savepoint");
    let o = fstudio_in(&dir, &["review", "--baseline", "git:nope:deploy", "deploy"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("git:nope")
            || String::from_utf8_lossy(&o.stderr).contains("nope")
    );
}

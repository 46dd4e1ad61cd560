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

/// The fixture deployment with extra configuration lines.
fn deployment_with(flink: &str, extra: &[&str]) -> String {
    let lines: String = extra.iter().map(|l| format!("\n    {l}")).collect();
    deployment(&format!("flink:{flink}"), "savepoint", "s3://b/sp")
        .replace("v1_20", &format!("v{}", flink.replace('.', "_")))
        .replace(
            "execution.checkpointing.interval: 10s",
            &format!("execution.checkpointing.interval: 10s{lines}"),
        )
}

#[test]
fn preflight_calls_out_jobs_the_new_operator_does_not_run() {
    let dir = temp("preflight-stranded");
    let file = write(&dir, "app.yaml", &deployment_with("1.14", &[]));
    let o = fstudio_in(
        &dir,
        &["preflight", "--format", "json", "--fko-version", "1.8", "--to-fko", "1.15", &file],
    );
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["from"]["fko"], "1.8.0");
    assert_eq!(v["to"]["fko"], "1.15.0");
    assert_eq!(v["stranded"][0]["resource"]["name"], "orders");
    assert_eq!(v["stranded"][0]["flink"], "v1_14");
    assert!(v["stranded"][0]["why"].as_str().unwrap().contains("cannot be deleted cleanly"));
    assert_eq!(v["summary"]["stranded"], 1);
    let o = fstudio_in(&dir, &["preflight", "--fko-version", "1.8", "--to-fko", "1.15", &file]);
    let text = String::from_utf8_lossy(&o.stdout);
    let stranded = text.find("Jobs the new operator does not run").expect(&text);
    assert!(stranded < text.find("Findings that appear").unwrap(), "stranded jobs come first");
}

#[test]
fn preflight_lists_renamed_and_removed_keys_of_a_flink_move() {
    let dir = temp("preflight-keys");
    let file = write(
        &dir,
        "app.yaml",
        &deployment_with(
            "1.20",
            &["state.backend.incremental: 'true'", "cluster.evenly-spread-out-slots: 'true'"],
        ),
    );
    let o = fstudio_in(&dir, &["preflight", "--to-flink", "2.0", &file]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("state.backend.incremental: renamed → execution.checkpointing.incremental"),
        "{text}"
    );
    assert!(text.contains("cluster.evenly-spread-out-slots: removed, no replacement"), "{text}");
    assert_eq!(o.status.code(), Some(3), "a key no longer read needs attention: {text}");

    // Only a renamed key (still read): what needs attention is the image, still 1.20.
    let renamed = write(
        &dir,
        "renamed.yaml",
        &deployment_with("1.20", &["state.backend.incremental: 'true'"]),
    );
    let o = fstudio_in(&dir, &["preflight", "--format", "json", "--to-flink", "2.0", &renamed]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["flink"], "v2_0");
    assert_eq!(v["keys"][0]["fate"], "renamed");
    assert_eq!(v["keys"][0]["replacement"], "execution.checkpointing.incremental");
    let image_warns = v["appeared"].as_array().unwrap().iter().any(|f| f["rule"] == "IMG-001");
    assert!(image_warns, "the image still says 1.20: {v}");
    assert_eq!(o.status.code(), Some(3));
}

#[test]
fn preflight_moves_to_the_newest_releases_by_default() {
    use flink_studio::core::flink::version::{CMF_RELEASES, FKO_RELEASES};
    let dir = temp("preflight-default");
    let file = write(&dir, "app.yaml", &deployment_with("1.20", &[]));
    let o = fstudio_in(
        &dir,
        &["preflight", "--format", "json", "--fko-version", "1.13", "--cmf-version", "2.3", &file],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["to"]["fko"], FKO_RELEASES.last().unwrap().release.to_string());
    assert_eq!(v["to"]["cmf"], CMF_RELEASES.last().unwrap().release.to_string());
    assert_eq!(v["flink"], Value::Null);
    assert_eq!(v["keys"], serde_json::json!([]));
}

#[test]
fn preflight_moves_only_the_named_jobs() {
    let dir = temp("preflight-job");
    let key = "state.backend.incremental: 'true'";
    write(&dir, "a.yaml", &deployment_with("1.20", &[key]));
    write(
        &dir,
        "b.yaml",
        &deployment_with("1.20", &[key]).replace("name: orders", "name: billing"),
    );
    let o = fstudio_in(
        &dir,
        &[
            "preflight",
            "--format",
            "json",
            "--to-flink",
            "2.0",
            "--job",
            "FlinkDeployment/billing",
            ".",
        ],
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["resource"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["billing"]);
    let o = fstudio_in(&dir, &["preflight", "--to-flink", "2.0", "--job", "nope", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no resource matches --job nope"));
    let o = fstudio_in(&dir, &["preflight", "missing.yaml"]);
    assert_eq!(o.status.code(), Some(2));
}

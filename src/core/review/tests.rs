//! Scenario tests: for each upgrade mode and each kind, a change whose state is kept and
//! one whose state is lost, with the verdict a user would read.

use super::rules::testing::{CMF_SQL, STATEFUL, deployment, review_of, review_with};
use super::verdict::{Action, Downtime, Fate, Verdict};
use super::{ChangeKind, Review};
use crate::core::targets::{Targets, Version};

/// The verdict of the only changed resource named `name`.
fn verdict<'r>(r: &'r Review, name: &str) -> &'r Verdict {
    let c = r
        .changes
        .iter()
        .find(|c| c.resource.name == name)
        .unwrap_or_else(|| panic!("{name} not changed: {r:#?}"));
    c.verdict.as_ref().unwrap_or_else(|| panic!("no verdict for {name}"))
}

fn mode(spec: &str, m: &str) -> String {
    spec.replace("upgradeMode: savepoint", &format!("upgradeMode: {m}"))
}

fn new_image(spec: &str) -> String {
    spec.replace("flink:1.20", "flink:1.20.3")
}

/// An emptyDir mounted at /data for every pod, with the state directories on it.
fn on_empty_dir(spec: &str) -> String {
    spec.replace("s3://b/cp", "file:///data/cp").replace("s3://b/sp", "file:///data/sp").replace(
        "serviceAccount: flink,",
        "serviceAccount: flink, podTemplate: {spec: {containers: [{name: flink-main-container, \
         volumeMounts: [{name: data, mountPath: /data}]}], volumes: [{name: data, emptyDir: {}}]}},",
    )
}

fn on_claim(spec: &str) -> String {
    on_empty_dir(spec).replace("emptyDir: {}", "persistentVolumeClaim: {claimName: flink-data}")
}

fn assert_verdict(v: &Verdict, action: Action, fate: Fate) {
    assert_eq!((v.action, v.state), (action, fate), "{v:#?}");
}

// FlinkDeployment (application cluster) ------------------------------------------------

#[test]
fn deployment_savepoint_mode_keeps_state_through_a_savepoint() {
    let r = review_of(&deployment(STATEFUL), &deployment(&new_image(STATEFUL)));
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Redeploy, Fate::Savepoint);
    assert_eq!(v.risk.downtime, Downtime::Redeploy);
    assert!(
        v.summary.contains("stops the job with a savepoint") && v.summary.contains("/image"),
        "{}",
        v.summary
    );
    assert!(v.state_reason.contains("s3://b/sp"));
    assert!(
        v.evidence
            .iter()
            .any(|e| e.fact.contains("execution.checkpointing.savepoint-dir is s3://b/sp"))
    );
    assert!(v.steps.is_empty(), "a safe change needs no sequence");
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert_eq!((r.summary.changed, r.summary.state_at_risk), (1, 0));
}

#[test]
fn deployment_savepoint_mode_loses_state_on_an_empty_dir() {
    let s = on_empty_dir(STATEFUL);
    let r = review_of(&deployment(&s), &deployment(&new_image(&s)));
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Redeploy, Fate::Lost);
    assert!(v.state_reason.contains("emptyDir"), "{}", v.state_reason);
    assert!(r.findings.iter().any(|f| f.rule == "FKO-CHG-009"));
    let script = super::steps::script(&v.steps);
    assert!(
        script.contains("kind: FlinkStateSnapshot")
            && script.contains("path: s3://<bucket>/savepoints"),
        "{script}"
    );
    assert!(script.contains("savepointRedeployNonce: 1"), "{script}");
    assert_eq!(r.summary.state_at_risk, 1);
    let kept = on_claim(STATEFUL);
    let v = review_of(&deployment(&kept), &deployment(&new_image(&kept)));
    assert_verdict(verdict(&v, "orders"), Action::Redeploy, Fate::Savepoint);
}

#[test]
fn deployment_last_state_keeps_the_last_checkpoint_with_ha_and_loses_it_locally() {
    let ls = mode(STATEFUL, "last-state");
    let v = review_of(&deployment(&ls), &deployment(&new_image(&ls)));
    let v = verdict(&v, "orders");
    assert_verdict(v, Action::Redeploy, Fate::LastCheckpoint);
    assert!(v.summary.contains("HA metadata"), "{}", v.summary);
    let no_ha = ls.replace(
        "high-availability.type: kubernetes, high-availability.storageDir: 's3://b/ha'",
        "x: y",
    );
    let v = review_of(&deployment(&no_ha), &deployment(&new_image(&no_ha)));
    let v = verdict(&v, "orders");
    assert_verdict(v, Action::Redeploy, Fate::LastCheckpoint);
    assert!(v.summary.contains("cancels the job, records its last checkpoint"), "{}", v.summary);
    let local = on_empty_dir(&ls);
    let r = review_of(&deployment(&local), &deployment(&new_image(&local)));
    assert_verdict(verdict(&r, "orders"), Action::Redeploy, Fate::Lost);
}

#[test]
fn deployment_stateless_mode_has_nothing_to_keep_or_drops_checkpointed_state() {
    let bare = "{image: 'flink:1.20', flinkVersion: v1_20, serviceAccount: flink, jobManager: {resource: {memory: 1g, cpu: 1}}, \
                taskManager: {resource: {memory: 2g, cpu: 1}}, job: {jarURI: 'local:///opt/a.jar', parallelism: 2}}";
    let r = review_of(&deployment(bare), &deployment(&new_image(bare)));
    assert_verdict(verdict(&r, "orders"), Action::Redeploy, Fate::None);
    assert!(r.findings.is_empty());
    let st = mode(STATEFUL, "stateless");
    let r = review_of(&deployment(&st), &deployment(&new_image(&st)));
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Redeploy, Fate::Lost);
    assert!(r.findings.iter().any(|f| f.rule == "FKO-CHG-008"));
    assert!(super::steps::script(&v.steps).contains("FlinkStateSnapshot"));
}

#[test]
fn ignored_fields_and_in_place_scaling_keep_the_job_running() {
    let r = review_of(
        &deployment(STATEFUL),
        &deployment(
            &STATEFUL.replace("interval: 10s", "interval: 10s, job.autoscaler.enabled: 'true'"),
        ),
    );
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Nothing, Fate::Untouched);
    assert_eq!(v.risk.downtime, Downtime::None);
    let adaptive = STATEFUL.replace("interval: 10s", "interval: 10s, jobmanager.scheduler: adaptive, pipeline.jobvertex-parallelism-overrides: 'a:2'");
    let r = review_of(&deployment(&adaptive), &deployment(&adaptive.replace("'a:2'", "'a:4'")));
    assert_verdict(verdict(&r, "orders"), Action::Scale, Fate::Untouched);
    // Without the adaptive scheduler the operator falls back to an upgrade.
    let default = adaptive.replace("jobmanager.scheduler: adaptive, ", "");
    let r = review_of(&deployment(&default), &deployment(&default.replace("'a:2'", "'a:4'")));
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Redeploy, Fate::Savepoint);
    assert!(v.summary.contains("In-place rescaling is not available"), "{}", v.summary);
}

#[test]
fn suspend_resume_and_savepoint_redeploy() {
    let suspended =
        STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: savepoint, state: suspended");
    let r = review_of(&deployment(STATEFUL), &deployment(&suspended));
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Suspend, Fate::Savepoint);
    assert_eq!(v.risk.downtime, Downtime::Stopped);
    let r = review_of(&deployment(&suspended), &deployment(STATEFUL));
    assert_verdict(verdict(&r, "orders"), Action::Resume, Fate::Savepoint);
    let r = review_of(&deployment(&suspended), &deployment(&mode(STATEFUL, "stateless")));
    assert_verdict(verdict(&r, "orders"), Action::Resume, Fate::Lost);
    let redeploy = STATEFUL.replace(
        "upgradeMode: savepoint",
        "upgradeMode: savepoint, savepointRedeployNonce: 2, initialSavepointPath: 's3://b/sp/sp-7'",
    );
    let r = review_of(&deployment(STATEFUL), &deployment(&redeploy));
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::RedeployFromSavepoint, Fate::Replaced);
    assert!(!v.risk.rollback.same_way);
}

#[test]
fn refusals_touch_nothing_and_offer_a_sequence() {
    let r = review_of(
        &deployment(STATEFUL),
        &deployment(
            &STATEFUL.replace("serviceAccount: flink,", "serviceAccount: flink, mode: standalone,"),
        ),
    );
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Refuse, Fate::Untouched);
    assert!(
        v.summary.contains("Cannot switch from native kubernetes to standalone kubernetes cluster")
    );
    let script = super::steps::script(&v.steps);
    assert!(
        script.contains("FlinkStateSnapshot") && script.contains("delete flinkdeployment/orders"),
        "{script}"
    );
    assert_eq!(r.summary.refused, 1);
}

#[test]
fn the_baseline_status_decides_whether_the_job_runs() {
    let failed = deployment(STATEFUL).replace(
        "spec: {",
        "status: {jobStatus: {state: FAILED}, lifecycleState: FAILED}\nspec: {",
    );
    let r = review_of(&failed, &deployment(&new_image(STATEFUL)));
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Redeploy, Fate::LastCheckpoint);
    assert!(v.summary.contains("FAILED"), "{}", v.summary);
    assert!(v.evidence.iter().any(|e| e.pointer == "/status/jobStatus/state"));
}

#[test]
fn flink_major_version_puts_state_at_risk_and_cannot_roll_back() {
    let two = STATEFUL.replace("v1_20", "v2_0").replace("flink:1.20", "flink:2.0");
    let r = review_of(&deployment(STATEFUL), &deployment(&two));
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Redeploy, Fate::AtRisk);
    assert!(!v.risk.rollback.same_way);
    assert!(
        v.risk.rollback.note.contains("cannot be restored by Flink 1.20"),
        "{}",
        v.risk.rollback.note
    );
}

// FlinkSessionJob ------------------------------------------------------------------------

fn session(cluster_conf: &str, job: &str) -> String {
    format!(
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: s, namespace: f}}\n\
         spec: {{image: 'flink:1.20', flinkVersion: v1_20, serviceAccount: flink, flinkConfiguration: {{{cluster_conf}}}, \
         jobManager: {{resource: {{memory: 1g, cpu: 1}}}}, taskManager: {{resource: {{memory: 2g, cpu: 1}}}}}}\n---\n\
         apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j, namespace: f}}\n\
         spec: {{deploymentName: s, job: {{{job}}}}}\n"
    )
}

const DIRS: &str = "execution.checkpointing.dir: 's3://b/cp', execution.checkpointing.savepoint-dir: 's3://b/sp', execution.checkpointing.interval: 10s";

#[test]
fn session_jobs_restart_with_their_upgrade_mode() {
    for (m, fate) in [
        ("savepoint", Fate::Savepoint),
        ("last-state", Fate::LastCheckpoint),
        ("stateless", Fate::Lost),
    ] {
        let before = session(
            DIRS,
            &format!("jarURI: 'https://x/a-1.jar', parallelism: 1, upgradeMode: {m}"),
        );
        let after = before.replace("a-1.jar", "a-2.jar");
        let r = review_of(&before, &after);
        let v = verdict(&r, "j");
        assert_verdict(v, Action::Restart, fate);
        assert_eq!(v.risk.downtime, Downtime::Restart, "{m}");
    }
    let local = DIRS.replace("s3://b/sp", "file:///tmp/sp");
    let before =
        session(&local, "jarURI: 'https://x/a-1.jar', upgradeMode: savepoint, parallelism: 1");
    let r = review_of(&before, &before.replace("a-1.jar", "a-2.jar"));
    assert_verdict(verdict(&r, "j"), Action::Restart, Fate::Lost);
}

#[test]
fn a_session_cluster_change_loses_its_jobs_without_ha() {
    let job = "jarURI: 'https://x/a.jar', parallelism: 1, upgradeMode: savepoint";
    let before = session(DIRS, job);
    let r = review_of(&before, &before.replace("flink:1.20", "flink:1.20.3"));
    let v = verdict(&r, "s");
    assert_verdict(v, Action::Redeploy, Fate::Lost);
    let script = super::steps::script(&v.steps);
    assert!(
        script.contains("patch flinksessionjob/j") && script.contains("jobManagerDeploymentStatus"),
        "{script}"
    );
    let ha = format!(
        "{DIRS}, high-availability.type: kubernetes, high-availability.storageDir: 's3://b/ha'"
    );
    let before = session(&ha, job);
    let r = review_of(&before, &before.replace("flink:1.20", "flink:1.20.3"));
    assert_verdict(verdict(&r, "s"), Action::Redeploy, Fate::LastCheckpoint);
}

// FlinkBlueGreenDeployment ----------------------------------------------------------------

fn blue_green(spec: &str) -> String {
    format!(
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {{name: bg, namespace: f}}\n\
         spec: {{template: {{spec: {spec}}}}}\n"
    )
}

#[test]
fn blue_green_switches_with_a_savepoint_or_starts_empty() {
    let r = review_of(&blue_green(STATEFUL), &blue_green(&new_image(STATEFUL)));
    let v = verdict(&r, "bg");
    assert_verdict(v, Action::Switch, Fate::Savepoint);
    assert_eq!(v.risk.downtime, Downtime::None);
    assert!(v.summary.contains("duplicates"), "{}", v.summary);
    let ls = mode(STATEFUL, "last-state");
    assert_verdict(
        verdict(&review_of(&blue_green(&ls), &blue_green(&new_image(&ls))), "bg"),
        Action::Switch,
        Fate::Savepoint,
    );
    let st = mode(STATEFUL, "stateless");
    assert_verdict(
        verdict(&review_of(&blue_green(&st), &blue_green(&new_image(&st))), "bg"),
        Action::Switch,
        Fate::Lost,
    );
    let patched = STATEFUL.replace("interval: 10s", "interval: 10s, kubernetes.operator.x: y");
    assert_verdict(
        verdict(&review_of(&blue_green(STATEFUL), &blue_green(&patched)), "bg"),
        Action::Nothing,
        Fate::Untouched,
    );
}

// CMF applications ----------------------------------------------------------------------------

fn cmf_app(env_conf: &str, job: &str) -> String {
    format!(
        "{{name: prod, kubernetesNamespace: apps, flinkApplicationDefaults: {{spec: {{flinkConfiguration: {{{env_conf}}}}}}}}}\n---\n\
         {{apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {{name: app}}, spec: {{image: 'confluentinc/cp-flink:1.20.1-cp1', \
         flinkVersion: v1_20, serviceAccount: flink, jobManager: {{resource: {{memory: 1g, cpu: 1}}}}, taskManager: {{resource: {{memory: 2g, cpu: 1}}}}, \
         job: {{{job}}}}}}}\n"
    )
}

#[test]
fn cmf_applications_follow_the_operator_with_environment_defaults() {
    for (m, fate) in [
        ("savepoint", Fate::Savepoint),
        ("last-state", Fate::LastCheckpoint),
        ("stateless", Fate::Lost),
    ] {
        let before = cmf_app(
            DIRS,
            &format!("jarURI: 'local:///opt/a.jar', parallelism: 2, upgradeMode: {m}"),
        );
        let r = review_of(&before, &before.replace("parallelism: 2", "parallelism: 3"));
        let v = verdict(&r, "app");
        assert_verdict(v, Action::Redeploy, fate);
        if fate == Fate::Lost {
            assert!(
                super::steps::script(&v.steps).contains("confluent flink savepoint create"),
                "{:#?}",
                v.steps
            );
        }
    }
    // The checkpoint directory the environment sets is on the container's filesystem.
    let local = DIRS.replace("s3://b/cp", "file:///tmp/cp");
    let before =
        cmf_app(&local, "jarURI: 'local:///opt/a.jar', parallelism: 2, upgradeMode: last-state");
    let r = review_of(&before, &before.replace("parallelism: 2", "parallelism: 3"));
    let v = verdict(&r, "app");
    assert_verdict(v, Action::Redeploy, Fate::Lost);
    let f = r.findings.iter().find(|f| f.rule == "FKO-CHG-009").expect("FKO-CHG-009");
    assert_eq!(f.resource.as_ref().map(|r| r.name.as_str()), Some("app"));
    assert!(
        f.pointer.contains("flinkApplicationDefaults"),
        "the finding points where the directory is set: {}",
        f.pointer
    );
}

// CMF statements and compute pools ------------------------------------------------------------

#[test]
fn statements_keep_state_through_the_stop_savepoint_unless_stateless() {
    let stop = CMF_SQL.replace("parallelism: 1", "parallelism: 1, stopped: true");
    let r = review_of(CMF_SQL, &stop);
    let v = verdict(&r, "orders");
    assert_verdict(v, Action::Suspend, Fate::Savepoint);
    let cmf24 = Targets { cmf: Version::new(2, 4, 0), ..Targets::default() };
    let stateless = stop.replace("stopped: true", "stopped: true, upgradeMode: stateless");
    let r = review_with(CMF_SQL, &stateless, cmf24);
    assert_verdict(verdict(&r, "orders"), Action::Suspend, Fate::Lost);
    let no_dirs = |t: &str| t.replace("execution.checkpointing.savepoint-dir: 's3://b/sp'", "x: y");
    let r = review_with(&no_dirs(CMF_SQL), &no_dirs(&stop), cmf24);
    assert_verdict(verdict(&r, "orders"), Action::Suspend, Fate::Lost);
    let r = review_of(CMF_SQL, &CMF_SQL.replace("parallelism: 1", "parallelism: 4"));
    assert_verdict(verdict(&r, "orders"), Action::Restart, Fate::Savepoint);
}

#[test]
fn pools_update_when_idle_and_are_rejected_while_statements_run() {
    let stopped = |t: &str| t.replace("parallelism: 1", "parallelism: 1, stopped: true");
    let bigger = |t: &str| t.replace("memory: 2g", "memory: 4g");
    let r = review_of(&stopped(CMF_SQL), &bigger(&stopped(CMF_SQL)));
    assert_verdict(verdict(&r, "pool"), Action::Nothing, Fate::None);
    let r = review_of(CMF_SQL, &bigger(CMF_SQL));
    let v = verdict(&r, "pool");
    assert_verdict(v, Action::Reject, Fate::Untouched);
    let script = super::steps::script(&v.steps);
    assert!(
        script.contains("statement stop 'orders'")
            && script.contains("-X PUT")
            && script.contains("statement resume"),
        "{script}"
    );
}

// Added and removed ---------------------------------------------------------------------------

#[test]
fn removing_a_running_stateful_job_loses_its_state_unless_saved_first() {
    let r = review_of(
        &deployment(STATEFUL),
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: flink}\n",
    );
    let removed = r.changes.iter().find(|c| c.change == ChangeKind::Removed).unwrap();
    let v = removed.verdict.as_ref().unwrap();
    assert_verdict(v, Action::Delete, Fate::Lost);
    assert!(super::steps::script(&v.steps).contains("FlinkStateSnapshot"));
    let added = r.changes.iter().find(|c| c.change == ChangeKind::Added).unwrap();
    assert!(added.verdict.is_none(), "a Namespace runs no job");
}

// The rest of the matrix: every kind and upgrade mode has a change whose state is kept (or
// has nothing to keep) and one whose state is lost ----------------------------------------

#[test]
fn session_jobs_lose_last_state_on_local_checkpoints_and_have_nothing_to_keep_stateless() {
    let job = |m: &str| format!("jarURI: 'https://x/a-1.jar', parallelism: 1, upgradeMode: {m}");
    let bump = |t: &str| t.replace("a-1.jar", "a-2.jar");
    let local = DIRS.replace("s3://b/cp", "file:///tmp/cp");
    let before = session(&local, &job("last-state"));
    assert_verdict(verdict(&review_of(&before, &bump(&before)), "j"), Action::Restart, Fate::Lost);
    let before = session("taskmanager.numberOfTaskSlots: '2'", &job("stateless"));
    let r = review_of(&before, &bump(&before));
    assert_verdict(verdict(&r, "j"), Action::Restart, Fate::None);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn blue_green_loses_state_when_the_savepoint_stays_in_the_old_pods() {
    for m in ["savepoint", "last-state"] {
        let s = on_empty_dir(&mode(STATEFUL, m));
        let r = review_of(&blue_green(&s), &blue_green(&new_image(&s)));
        assert_verdict(verdict(&r, "bg"), Action::Switch, Fate::Lost);
    }
    let bare = "{image: 'flink:1.20', flinkVersion: v1_20, serviceAccount: flink, jobManager: {resource: {memory: 1g, cpu: 1}}, \
                taskManager: {resource: {memory: 2g, cpu: 1}}, job: {jarURI: 'local:///opt/a.jar', parallelism: 2, upgradeMode: stateless}}";
    let r = review_of(&blue_green(bare), &blue_green(&new_image(bare)));
    assert_verdict(verdict(&r, "bg"), Action::Switch, Fate::None);
}

#[test]
fn cmf_applications_lose_savepoints_on_local_storage_and_have_nothing_to_keep_stateless() {
    let job = |m: &str| format!("jarURI: 'local:///opt/a.jar', parallelism: 2, upgradeMode: {m}");
    let rescale = |t: &str| t.replace("parallelism: 2", "parallelism: 3");
    let local = DIRS.replace("s3://b/sp", "file:///tmp/sp");
    let before = cmf_app(&local, &job("savepoint"));
    assert_verdict(
        verdict(&review_of(&before, &rescale(&before)), "app"),
        Action::Redeploy,
        Fate::Lost,
    );
    let before = cmf_app("taskmanager.numberOfTaskSlots: '2'", &job("stateless"));
    assert_verdict(
        verdict(&review_of(&before, &rescale(&before)), "app"),
        Action::Redeploy,
        Fate::None,
    );
}

fn cfk_app(conf: &str, mode: &str) -> String {
    format!(
        "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\nmetadata: {{name: app, namespace: c}}\n\
         spec: {{flinkEnvironment: dev, image: 'confluentinc/cp-flink:1.20.1-cp1', flinkVersion: v1_20, serviceAccount: flink, \
         flinkConfiguration: {{{conf}}}, jobManager: {{resource: {{memory: 1g, cpu: 1}}}}, taskManager: {{resource: {{memory: 2g, cpu: 1}}}}, \
         job: {{jarURI: 'local:///opt/a.jar', parallelism: 2, upgradeMode: {mode}}}}}\n"
    )
}

#[test]
fn cfk_applications_keep_or_lose_state_per_mode() {
    let rescale = |t: &str| t.replace("parallelism: 2", "parallelism: 3");
    let local_sp = DIRS.replace("s3://b/sp", "file:///tmp/sp");
    let local_cp = DIRS.replace("s3://b/cp", "file:///tmp/cp");
    for (conf, m, fate) in [
        (DIRS, "savepoint", Fate::Savepoint),
        (local_sp.as_str(), "savepoint", Fate::Lost),
        (DIRS, "last-state", Fate::LastCheckpoint),
        (local_cp.as_str(), "last-state", Fate::Lost),
        (DIRS, "stateless", Fate::Lost),
        ("taskmanager.numberOfTaskSlots: '2'", "stateless", Fate::None),
    ] {
        let before = cfk_app(conf, m);
        let r = review_of(&before, &rescale(&before));
        let v = verdict(&r, "app");
        assert_eq!((v.action, v.state), (Action::Redeploy, fate), "{m} with {conf}: {v:#?}");
        if fate == Fate::Lost {
            assert!(!v.steps.is_empty(), "{m} with {conf}: a safe sequence is offered");
        }
    }
}

#[test]
fn statements_lose_the_stop_savepoint_on_local_storage() {
    let local = CMF_SQL.replace("s3://b/sp", "file:///tmp/sp");
    let stop = local.replace("parallelism: 1", "parallelism: 1, stopped: true");
    let v = review_of(&local, &stop);
    let v = verdict(&v, "orders");
    assert_verdict(v, Action::Suspend, Fate::Lost);
    assert!(v.state_reason.contains("does not survive"), "{}", v.state_reason);
    assert!(v.evidence.iter().any(|e| e.fact.contains("file:///tmp/sp")), "{:#?}", v.evidence);
}

// What the review shows -----------------------------------------------------------------------

#[test]
fn changed_fields_never_show_secret_values() {
    let secret = |pw: &str| {
        format!(
            "apiVersion: v1\nkind: Secret\nmetadata: {{name: creds, namespace: flink}}\nstringData: {{password: {pw}, user: u}}\n"
        )
    };
    let r = review_of(&secret("old-pw"), &secret("new-pw"));
    let c = r.changes.iter().find(|c| c.resource.name == "creds").expect("the secret changed");
    let shown = serde_json::to_string(&c.fields).unwrap();
    assert!(!shown.contains("old-pw") && !shown.contains("new-pw"), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
    // CMF never returns secret values: a CMF secret compares by its keys.
    let cmf = |data: &str| {
        format!(
            "apiVersion: cmf.confluent.io/v1\nkind: Secret\nmetadata: {{name: kc}}\nspec: {{data: {{{data}}}}}\n"
        )
    };
    let r = review_of(&cmf("password: '*****'"), &cmf("password: p"));
    assert!(r.changes.is_empty(), "{:#?}", r.changes);
    let r = review_of(&cmf("password: '*****'"), &cmf("password: p, user: u"));
    assert_eq!(r.changes.len(), 1, "a key added is a change");
}

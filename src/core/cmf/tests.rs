//! Plan, apply, resume and status against the in-memory fake CMF.

use serde_json::json;

use super::apply::{Event, apply};
use super::client::{Client, block_on};
use super::endpoints::ObjectKey;
use super::fake::FakeCmf;
use super::plan::{Action, Plan, desired, plan, scope};
use super::transport::{Method, TransportError};
use super::{ErrorKind, script, state, status};
use crate::core::design::Design;
use crate::core::import::import_text;
use crate::core::model::Kind;

const DESIGN: &str = r#"
name: dev-env
kubernetesNamespace: flink-dev
---
apiVersion: cmf.confluent.io/v1
kind: Secret
metadata: {name: kafka-creds}
spec: {data: {sasl.jaas.config: "secret-value"}}
---
apiVersion: cmf.confluent.io/v1
kind: EnvironmentSecretMapping
metadata: {name: kafka-conn}
spec: {secretName: kafka-creds}
---
apiVersion: cmf.confluent.io/v1
kind: KafkaCatalog
metadata: {name: kafka-cat}
spec: {srInstance: {connectionConfig: {schema.registry.url: "http://sr:8081"}}}
---
apiVersion: cmf.confluent.io/v1
kind: KafkaDatabase
metadata: {name: clicks}
spec: {kafkaCluster: {connectionConfig: {bootstrap.servers: "kafka:9092"}, connectionSecretId: kafka-conn}}
---
apiVersion: cmf.confluent.io/v1
kind: ComputePool
metadata: {name: pool}
spec: {type: DEDICATED, clusterSpec: {flinkVersion: v1_19, image: "confluentinc/cp-flink-sql:1.19-cp8"}}
---
apiVersion: cmf.confluent.io/v1
kind: Statement
metadata: {name: count-clicks}
spec: {statement: "SELECT 1", computePoolName: pool, parallelism: 2}
---
apiVersion: cmf.confluent.io/v1
kind: FlinkApplication
metadata: {name: orders}
spec: {image: "confluentinc/cp-flink:1.19.1-cp1", flinkVersion: v1_19, job: {jarURI: "local:///x.jar"}}
"#;

fn design(text: &str) -> Design {
    let mut d = Design::new();
    import_text(&mut d, "design.yaml", text);
    d.assign_scopes(None, None);
    d
}

fn plan_for(fake: &FakeCmf, d: &Design, delete_missing: bool) -> Plan {
    let client = Client::new(fake);
    let (wanted, problems) = desired(d);
    assert!(problems.is_empty(), "{problems:?}");
    let server = block_on(state::read(&client, &scope(&wanted))).expect("read state");
    plan(&wanted, &server, delete_missing)
}

fn actions(p: &Plan) -> Vec<(Action, Kind, String)> {
    p.steps.iter().map(|s| (s.action, s.key.kind, s.key.name.clone())).collect()
}

fn run(fake: &FakeCmf, p: &Plan) -> super::apply::Report {
    block_on(apply(&Client::new(fake), p, |_| {}))
}

#[test]
fn create_from_empty_in_dependency_order_with_the_right_verbs() {
    let fake = FakeCmf::default();
    let d = design(DESIGN);
    let p = plan_for(&fake, &d, false);
    let kinds: Vec<Kind> = p.steps.iter().map(|s| s.key.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Environment,
            Kind::CmfSecret,
            Kind::SecretMapping,
            Kind::KafkaCatalog,
            Kind::KafkaDatabase,
            Kind::ComputePool,
            Kind::Statement,
            Kind::Application
        ]
    );
    assert!(p.steps.iter().all(|s| s.action == Action::Create && s.method == Some(Method::Post)));
    assert_eq!(p.steps[4].path, "/cmf/api/v1/catalogs/kafka/kafka-cat/databases");
    let report = run(&fake, &p);
    assert!(report.complete(), "{:?}", report.failed);
    assert_eq!(report.applied.len(), 8);
    assert_eq!(fake.writes()[0], "POST /cmf/api/v1/environments");
    // Secrets are sent with their values: applying is the user asking.
    let secret = fake.get("/cmf/api/v1/secrets", "kafka-creds").expect("secret stored");
    assert_eq!(secret["spec"]["data"]["sasl.jaas.config"], "secret-value");
}

#[test]
fn re_apply_is_a_no_op() {
    let fake = FakeCmf::default();
    let d = design(DESIGN);
    run(&fake, &plan_for(&fake, &d, false));
    let before = fake.writes().len();
    let again = plan_for(&fake, &d, false);
    assert!(again.steps.iter().all(|s| s.action == Action::Unchanged), "{:?}", actions(&again));
    assert_eq!(again.pending(), 0);
    assert!(run(&fake, &again).applied.is_empty());
    assert_eq!(fake.writes().len(), before);
}

#[test]
fn updates_use_put_or_post_and_carry_a_field_diff() {
    let fake = FakeCmf::default();
    run(&fake, &plan_for(&fake, &design(DESIGN), false));
    let changed = DESIGN
        .replace("parallelism: 2", "parallelism: 4")
        .replace("kubernetesNamespace: flink-dev", "kubernetesNamespace: flink-dev2")
        .replace("local:///x.jar", "local:///y.jar");
    let p = plan_for(&fake, &design(&changed), false);
    let updates: Vec<_> = p.steps.iter().filter(|s| s.action == Action::Update).collect();
    assert_eq!(updates.len(), 3, "{:?}", actions(&p));
    assert_eq!(
        (updates[0].method, updates[0].path.as_str()),
        (Some(Method::Post), "/cmf/api/v1/environments")
    );
    let stmt = updates[1];
    assert_eq!(stmt.method, Some(Method::Put));
    assert_eq!(stmt.path, "/cmf/api/v1/environments/dev-env/statements/count-clicks");
    assert_eq!(stmt.diff.len(), 1);
    assert_eq!(
        (stmt.diff[0].path.as_str(), &stmt.diff[0].before, &stmt.diff[0].after),
        ("/spec/parallelism", &Some(json!(2)), &Some(json!(4)))
    );
    assert_eq!(updates[2].method, Some(Method::Post));
    assert!(run(&fake, &p).complete());
    let stored = fake.get("/cmf/api/v1/environments/dev-env/statements", "count-clicks").unwrap();
    assert_eq!(stored["spec"]["parallelism"], 4);
    assert!(plan_for(&fake, &design(&changed), false).pending() == 0);
}

#[test]
fn partial_failure_stops_and_a_rerun_resumes() {
    let fake = FakeCmf::default();
    let d = design(DESIGN);
    fake.fail_once(Method::Post, "/cmf/api/v1/catalogs/kafka/kafka-cat/databases", 422);
    let p = plan_for(&fake, &d, false);
    let mut events = Vec::new();
    let report = block_on(apply(&Client::new(&fake), &p, |e| events.push(e.clone())));
    let (failed, error) = report.failed.clone().expect("a failure");
    assert_eq!(p.steps[failed].key.kind, Kind::KafkaDatabase);
    assert!(matches!(error.kind, ErrorKind::Rejected { status: 422, .. }));
    assert!(error.to_string().contains("injected failure"), "{error}");
    assert_eq!(report.applied.len(), 4);
    assert_eq!(report.not_applied.len(), 3);
    assert!(matches!(events.last(), Some(Event::Failed(_, _))));
    let resumed = plan_for(&fake, &d, false);
    assert_eq!(resumed.pending(), 4, "{:?}", actions(&resumed));
    assert_eq!(resumed.steps.iter().filter(|s| s.action == Action::Unchanged).count(), 4);
    assert!(run(&fake, &resumed).complete());
    assert_eq!(plan_for(&fake, &d, false).pending(), 0);
}

#[test]
fn absent_objects_are_listed_and_deleted_only_when_asked() {
    let fake = FakeCmf::default();
    run(&fake, &plan_for(&fake, &design(DESIGN), false));
    let smaller = DESIGN
        .split("---")
        .filter(|doc| !doc.contains("kind: Statement") && !doc.contains("kind: ComputePool"))
        .collect::<Vec<_>>()
        .join("---");
    let kept = plan_for(&fake, &design(&smaller), false);
    assert_eq!(kept.absent.len(), 2);
    assert!(kept.steps.iter().all(|s| s.action == Action::Unchanged));
    let deleting = plan_for(&fake, &design(&smaller), true);
    let deletes: Vec<_> = deleting
        .steps
        .iter()
        .filter(|s| s.action == Action::Delete)
        .map(|s| (s.key.kind, s.path.clone()))
        .collect();
    assert_eq!(
        deletes,
        vec![
            (
                Kind::Statement,
                "/cmf/api/v1/environments/dev-env/statements/count-clicks".to_string()
            ),
            (Kind::ComputePool, "/cmf/api/v1/environments/dev-env/compute-pools/pool".to_string()),
        ]
    );
    assert!(run(&fake, &deleting).complete());
    assert!(fake.get("/cmf/api/v1/environments/dev-env/compute-pools", "pool").is_none());
}

#[test]
fn pool_update_while_statements_run_is_explained() {
    let fake = FakeCmf::default();
    run(&fake, &plan_for(&fake, &design(DESIGN), false));
    let changed = DESIGN.replace("cp-flink-sql:1.19-cp8", "cp-flink-sql:1.19-cp9");
    let p = plan_for(&fake, &design(&changed), false);
    let step = p.steps.iter().find(|s| s.key.kind == Kind::ComputePool).unwrap();
    assert_eq!(step.action, Action::Update);
    assert!(step.note.as_deref().unwrap().contains("409"));
    let report = run(&fake, &p);
    let (_, error) = report.failed.expect("409");
    assert!(error.is_conflict());
    assert!(error.to_string().contains("stop or delete them"), "{error}");
}

#[test]
fn a_create_that_meets_409_falls_back_to_put() {
    let fake = FakeCmf::default();
    let d = design(DESIGN);
    let p = plan_for(&fake, &d, false);
    // Someone creates the secret between plan and apply.
    let client = Client::new(&fake);
    block_on(
        client.send(
            super::Request::new(Method::Post, "/cmf/api/v1/secrets")
                .with_body(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Secret",
            "metadata": {"name": "kafka-creds"}, "spec": {"data": {"k": "old"}}})),
        ),
    )
    .unwrap();
    assert!(run(&fake, &p).complete());
    assert!(fake.writes().contains(&"PUT /cmf/api/v1/secrets/kafka-creds".to_string()));
}

#[test]
fn reads_page_through_long_lists_and_retry_timeouts() {
    let fake = FakeCmf::default();
    let mut text = String::from("name: dev-env\nkubernetesNamespace: flink-dev\n");
    for i in 0..130 {
        text.push_str(&format!("---\napiVersion: cmf.confluent.io/v1\nkind: Secret\nmetadata: {{name: secret-{i:03}}}\nspec: {{data: {{k: v}}}}\n"));
    }
    let d = design(&text);
    run(&fake, &plan_for(&fake, &d, false));
    fake.transport_errors.borrow_mut().push(TransportError::Timeout);
    let p = plan_for(&fake, &d, false);
    assert_eq!(p.pending(), 0, "all 130 secrets found over two pages");
    let pages = fake
        .log
        .borrow()
        .iter()
        .filter(|r| r.path == "/cmf/api/v1/secrets" && r.method == Method::Get)
        .count();
    assert!(pages >= 3, "first page retried after the timeout, then page 1: {pages}");
}

#[test]
fn transport_and_auth_failures_stop_the_plan_with_clear_messages() {
    let fake = FakeCmf::default();
    fake.transport_errors.borrow_mut().extend([TransportError::Refused]);
    let e = block_on(state::read(&Client::new(&fake), &Default::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Refused);
    assert!(e.to_string().starts_with("GET /cmf/api/v1/environments: connection refused"));
    fake.transport_errors.borrow_mut().extend([TransportError::Timeout, TransportError::Timeout]);
    let e = block_on(state::read(&Client::new(&fake), &Default::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout { attempts: 2 });
    fake.fail_once(Method::Get, "/cmf/api/v1/environments", 401);
    let e = block_on(state::read(&Client::new(&fake), &Default::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized);
}

#[test]
fn bearer_token_is_sent_but_never_shown() {
    let fake = FakeCmf::default();
    let client = Client::new(&fake).with_token(Some("s3cr3t".into()));
    fake.fail_once(Method::Get, "/cmf/api/v1/environments", 403);
    let e = block_on(state::read(&client, &Default::default())).unwrap_err();
    assert!(!e.to_string().contains("s3cr3t"));
    let sent = &fake.log.borrow()[0];
    assert!(sent.headers.contains(&("Authorization".into(), "Bearer s3cr3t".into())));
}

#[test]
fn status_is_read_back_after_apply() {
    let fake = FakeCmf::default();
    let d = design(DESIGN);
    run(&fake, &plan_for(&fake, &d, false));
    let keys: Vec<ObjectKey> = desired(&d).0.into_iter().map(|x| x.key).collect();
    let live = block_on(status::read(&Client::new(&fake), &keys));
    let states: Vec<(Kind, String)> =
        live.iter().map(|l| (l.key.kind, l.state.clone().unwrap())).collect();
    assert_eq!(
        states,
        vec![(Kind::Statement, "RUNNING".into()), (Kind::Application, "RUNNING".into())]
    );
}

#[test]
fn json_form_is_stable_and_holds_no_secret() {
    let fake = FakeCmf::default();
    let p = plan_for(&fake, &design(DESIGN), false);
    let out = p.to_json();
    assert_eq!(
        out["steps"][0],
        json!({"action": "create", "kind": "Environment", "name": "dev-env",
        "environment": null, "method": "POST", "path": "/cmf/api/v1/environments", "diff": []})
    );
    assert!(!out.to_string().contains("secret-value"));
}

#[test]
fn script_uses_confluent_cli_commands_and_hides_secrets() {
    let fake = FakeCmf::default();
    let p = plan_for(&fake, &design(DESIGN), false);
    let text = script::render(&p, "http://localhost:8080", false);
    for expected in [
        "confluent flink environment create 'dev-env' --kubernetes-namespace 'flink-dev'",
        "confluent flink secret create \"$DIR/secret-kafka-creds.json\"",
        "confluent flink secret-mapping create \"$DIR/environmentsecretmapping-dev-env-kafka-conn.json\" --environment 'dev-env'",
        "confluent flink catalog database create \"$DIR/kafkadatabase-kafka-cat-clicks.json\" --catalog 'kafka-cat'",
        "confluent flink compute-pool create",
        "confluent flink statement create 'count-clicks' --environment 'dev-env' --compute-pool 'pool' --sql 'SELECT 1' --parallelism 2",
        "confluent flink application create \"$DIR/flinkapplication-dev-env-orders.json\" --environment 'dev-env'",
    ] {
        assert!(text.contains(expected), "missing {expected}\n{text}");
    }
    assert!(!text.contains("secret-value"));
    assert!(script::render(&p, "http://x", true).contains("secret-value"));
}

#[test]
fn pool_update_script_says_there_is_no_cli_command() {
    let fake = FakeCmf::default();
    run(&fake, &plan_for(&fake, &design(DESIGN), false));
    let changed = DESIGN.replace("cp-flink-sql:1.19-cp8", "cp-flink-sql:1.19-cp9");
    let text = script::render(&plan_for(&fake, &design(&changed), false), "http://x", false);
    assert!(text.contains("# No Confluent CLI command updates a CMF compute pool"), "{text}");
    assert!(text.contains(
        "curl -fsS -X PUT \"$CONFLUENT_CMF_URL/cmf/api/v1/environments/dev-env/compute-pools/pool\""
    ));
}

#[test]
fn payloads_without_an_environment_are_problems() {
    let text = "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool}\nspec: {type: DEDICATED}\n";
    let (wanted, problems) = desired(&design(text));
    assert!(wanted.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("ComputePool pool: its environment is unknown"), "{problems:?}");
}

#[test]
fn responses_that_do_not_match_the_spec_are_named() {
    let fake = FakeCmf::default();
    // A 200 whose body is CMF's error shape, not a page.
    fake.fail_once(Method::Get, "/cmf/api/v1/environments", 200);
    let e = block_on(state::read(&Client::new(&fake), &Default::default())).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::BadResponse(_)), "{e}");
    assert_eq!(
        e.to_string(),
        "GET /cmf/api/v1/environments: response does not match the CMF API spec: a page \
         without an \"items\" list"
    );
}

const ARTIFACTS: &str = r#"
name: dev
kubernetesNamespace: flink
---
apiVersion: cmf.confluent.io/v1
kind: Artifact
metadata: {name: job.jar, annotations: {studio.flinkstudio.dev/artifact-file: jars/job.jar}}
spec: {}
---
apiVersion: cmf.confluent.io/v1
kind: FlinkApplication
metadata: {name: orders}
spec:
  image: "confluentinc/cp-flink:1.19.1-cp1"
  flinkVersion: v1_19
  job: {jarURI: "cmf://dev/job.jar"}
  savepointSchedule: {cronExpression: "0 0 * * * *"}
"#;

fn artifact_plan(fake: &FakeCmf, content: &[u8]) -> Plan {
    let client = Client::new(fake);
    let (mut wanted, problems) = desired(&design(ARTIFACTS));
    assert!(problems.is_empty(), "{problems:?}");
    let mut paths = Vec::new();
    let unread = super::plan::attach_files(&mut wanted, |p| {
        paths.push(p.to_string());
        Ok(content.to_vec())
    });
    assert!(unread.is_empty() && paths == ["jars/job.jar"], "{unread:?} {paths:?}");
    let server = block_on(state::read(&client, &scope(&wanted))).expect("read state");
    plan(&wanted, &server, false)
}

#[test]
fn artifacts_upload_before_their_users_and_only_when_their_content_changed() {
    let fake = FakeCmf::default();
    let p = artifact_plan(&fake, b"jar v1");
    assert_eq!(
        actions(&p),
        [
            (Action::Create, Kind::Environment, "dev".into()),
            (Action::Create, Kind::Artifact, "job.jar".into()),
            (Action::Create, Kind::Application, "orders".into()),
        ]
    );
    assert!(p.steps[1].note.as_deref().unwrap_or("").contains("uploads 6 bytes as version 1"));
    assert!(run(&fake, &p).complete());
    let sent = fake.log.borrow().iter().find(|r| r.upload.is_some()).cloned().expect("an upload");
    assert_eq!(sent.describe(), "POST /cmf/api/v1/environments/dev/artifacts");
    assert!(String::from_utf8_lossy(&sent.body_bytes().unwrap()).contains("jar v1"));
    let stored = fake.get("/cmf/api/v1/environments/dev/artifacts", "job.jar").unwrap();
    assert!(stored["metadata"].get("annotations").is_none(), "studio data was sent: {stored}");
    // Re-planning finds nothing to do.
    let again = artifact_plan(&fake, b"jar v1");
    assert_eq!(again.pending(), 0, "{:?}", actions(&again));
    // New content: a new version is uploaded with PUT, nothing else changes.
    let changed = artifact_plan(&fake, b"jar v2");
    assert_eq!(changed.pending(), 1);
    let step = changed.steps.iter().find(|s| s.action == Action::Update).unwrap();
    assert_eq!(step.method, Some(Method::Put));
    assert_eq!(step.diff[0].path, "/status/checksum");
    assert!(step.note.as_deref().unwrap_or("").contains("version 2"), "{:?}", step.note);
    assert!(run(&fake, &changed).complete());
    let stored = fake.get("/cmf/api/v1/environments/dev/artifacts", "job.jar").unwrap();
    assert_eq!(stored["status"]["version"], 2);
    assert_eq!(artifact_plan(&fake, b"jar v2").pending(), 0);
    let text = script::render(&changed, "http://cmf:8080", false);
    assert!(
        text.contains("confluent flink artifact version create 'job.jar' --environment 'dev' --artifact-file 'jars/job.jar'"),
        "{text}"
    );
    let first = script::render(&p, "http://cmf:8080", false);
    assert!(first.contains("curl -fsS -X POST \"$CONFLUENT_CMF_URL/cmf/api/v1/environments/dev/artifacts\" -F \"artifact=@$DIR/artifact-dev-job.jar.json;type=application/json\" -F 'file=@jars/job.jar'"), "{first}");
}

#[test]
fn an_artifact_without_a_file_that_cmf_lacks_is_a_problem_not_a_request() {
    let fake = FakeCmf::default();
    let client = Client::new(&fake);
    let text = ARTIFACTS
        .replace(", annotations: {studio.flinkstudio.dev/artifact-file: jars/job.jar}", "");
    let (wanted, _) = desired(&design(&text));
    let server = block_on(state::read(&client, &scope(&wanted))).expect("read state");
    let p = plan(&wanted, &server, false);
    assert!(
        p.problems
            .iter()
            .any(|m| m.contains("Artifact job.jar in environment dev: CMF does not have it")),
        "{:?}",
        p.problems
    );
    assert!(!p.steps.iter().any(|s| s.key.kind == Kind::Artifact));
}

#[test]
fn a_design_targeting_cmf_2_3_is_refused_naming_each_feature() {
    let text = format!(
        "apiVersion: studio.flinkstudio.dev/v1\nkind: CmfService\nmetadata: {{name: cmf}}\nspec: {{version: 2.3.1}}\n---{ARTIFACTS}"
    );
    let (_, problems) = desired(&design(&text));
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("CMF 2.3.1 (the design's target) cannot take artifacts (cmf:// URIs), which needs CMF 2.4: Artifact job.jar, FlinkApplication orders (/spec/job/jarURI)"), "{}", problems[0]);
    assert!(
        problems[1].contains("savepoint schedules (savepointSchedule)")
            && problems[1].contains("FlinkApplication orders (/spec/savepointSchedule)"),
        "{}",
        problems[1]
    );
    assert!(desired(&design(ARTIFACTS)).1.is_empty());
}

#[test]
fn moving_an_environment_to_another_cluster_is_refused_at_plan_time() {
    let fake = FakeCmf::default();
    let on = |cluster: &str| {
        design(&format!(
            "name: dev\nkubernetesNamespace: flink\nkubernetesClusterName: {cluster}\n"
        ))
    };
    assert!(run(&fake, &plan_for(&fake, &on("east"), false)).complete());
    assert!(plan_for(&fake, &on("east"), false).problems.is_empty());
    let moved = plan_for(&fake, &on("west"), false);
    assert_eq!(moved.problems.len(), 1, "{:?}", moved.problems);
    assert!(
        moved.problems[0]
            .contains("Environment dev: kubernetesClusterName cannot change after creation"),
        "{}",
        moved.problems[0]
    );
    assert!(
        moved.problems[0].contains("CMF has \"east\", the design says \"west\""),
        "{}",
        moved.problems[0]
    );
}

#[test]
fn a_cancelled_apply_stops_between_whole_steps_and_a_rerun_resumes() {
    let fake = FakeCmf::default();
    let p = artifact_plan(&fake, b"jar v1");
    let sent = std::cell::Cell::new(0);
    let report = block_on(super::apply::apply_until(
        &Client::new(&fake),
        &p,
        |e| {
            if matches!(e, Event::Applied(..)) {
                sent.set(sent.get() + 1);
            }
        },
        || sent.get() >= 2,
    ));
    assert!(report.cancelled && report.failed.is_none());
    assert_eq!(report.applied.len(), 2, "environment and the artifact upload, whole");
    assert_eq!(report.not_applied.len(), 1);
    let stored = fake.get("/cmf/api/v1/environments/dev/artifacts", "job.jar").expect("uploaded");
    assert_eq!(stored["status"]["version"], 1);
    let rest = artifact_plan(&fake, b"jar v1");
    assert_eq!(actions(&rest).into_iter().filter(|a| a.0 != Action::Unchanged).count(), 1);
    assert!(run(&fake, &rest).complete());
}

#[test]
fn an_upload_cut_off_mid_flight_is_not_applied_and_stops_the_apply() {
    let fake = FakeCmf::default();
    let p = artifact_plan(&fake, b"jar v1");
    let upload = p.steps.iter().position(|s| s.upload.is_some()).expect("an upload step");
    let mut events = Vec::new();
    let report = block_on(super::apply::apply_until(
        &Client::new(&fake),
        &p,
        |e| {
            if *e == Event::Started(upload) {
                // What the browser's transport answers when Cancel aborts the upload.
                fake.transport_errors
                    .borrow_mut()
                    .push(TransportError::Cancelled("after 3 of 6 bytes".into()));
            }
            events.push(e.clone());
        },
        || false,
    ));
    assert!(report.cancelled && report.failed.is_none() && !report.complete());
    assert_eq!(report.interrupted, Some(upload));
    assert_eq!(report.not_applied.first(), Some(&upload), "the cut-off upload is not applied");
    let Some(Event::Interrupted(i, e)) = events.last() else { panic!("{events:?}") };
    assert_eq!(*i, upload);
    assert!(e.to_string().contains("cancelled: after 3 of 6 bytes"), "{e}");
    assert!(fake.get("/cmf/api/v1/environments/dev/artifacts", "job.jar").is_none());
    assert!(
        !fake.writes().iter().any(|w| w.ends_with("/applications")),
        "nothing that uses the artifact was sent: {:?}",
        fake.writes()
    );
    // Re-planning still uploads the artifact, then the rest.
    let rest = artifact_plan(&fake, b"jar v1");
    let artifact = rest.steps.iter().find(|s| s.upload.is_some()).expect("still to upload");
    assert_eq!(artifact.action, Action::Create);
    assert!(run(&fake, &rest).complete());
}

#[test]
fn a_file_attached_to_the_design_is_uploaded_without_reading_any_file() {
    use crate::core::model::artifact;
    let fake = FakeCmf::default();
    let content = b"attached jar";
    let sum = artifact::checksum(content);
    let text = ARTIFACTS.replace(
        "studio.flinkstudio.dev/artifact-file: jars/job.jar}",
        &format!(
            "studio.flinkstudio.dev/artifact-file: jars/job.jar, {}: {}, {}: '{sum}'}}",
            artifact::CONTENT,
            crate::core::convert::encode_base64(content),
            artifact::SHA256
        ),
    );
    let (mut wanted, problems) = desired(&design(&text));
    assert!(problems.is_empty(), "{problems:?}");
    let unread = super::plan::attach_files(&mut wanted, |p| Err(format!("{p} must not be read")));
    assert!(unread.is_empty(), "{unread:?}");
    let client = Client::new(&fake);
    let server = block_on(state::read(&client, &scope(&wanted))).expect("state");
    let p = plan(&wanted, &server, false);
    assert!(run(&fake, &p).complete());
    let stored = fake.get("/cmf/api/v1/environments/dev/artifacts", "job.jar").expect("uploaded");
    assert_eq!(stored["status"]["checksum"], sum.as_str());
    // Content that does not match its recorded hash is refused before anything is sent.
    let tampered = text.replace(&crate::core::convert::encode_base64(content), "dGFtcGVyZWQ=");
    let (_, problems) = desired(&design(&tampered));
    assert!(
        problems.iter().any(|p| p.contains("does not match its recorded sha256:")),
        "{problems:?}"
    );
}

/// Figures, not a timed assertion: `cargo test --release --lib desired_cost -- --ignored --nocapture`.
#[test]
#[ignore]
fn desired_cost() {
    for n in [200, 2000, 10000] {
        let d = crate::core::generate::design(n);
        let start = std::time::Instant::now();
        let (desired, _) = desired(&d);
        println!(
            "plan::desired over {} resources: {:?} ({} CMF objects)",
            d.resources.len(),
            start.elapsed(),
            desired.len()
        );
    }
}

//! Contract tests of `fstudio plan` / `fstudio apply`: the real binary talks to a
//! stateful CMF stand-in (`tests/cmf/standin.mjs`) through Prism's validating proxy
//! (`prism proxy <CMF OpenAPI> --errors`: the 2.3.1 description, and the 2.4 one for
//! designs with artifacts and savepoint schedules), and any request or response Prism flags
//! fails the test. Needs Node.js and `npm ci` in tests/cmf (`scripts/setup.sh all`);
//! when they are missing the test fails — it never skips.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

mod support;

fn spec() -> PathBuf {
    support::shared("specs/cmf-openapi.yaml")
}

/// The CMF 2.4 OpenAPI (artifacts, savepoint schedules, statement upgradeMode), as Prism
/// can check it: Prism 5 reads every part of a `multipart/form-data` body as a string and
/// answers "Request body property artifact must be object" to the JSON `artifact` part
/// OpenAPI 3 prescribes (object properties of a multipart body are sent as
/// application/json). The copy in `dir` declares that part a string; everything else of
/// the upload (path, required parts, the binary file) is still checked, and the part's
/// JSON is validated against `Artifact` by `tests/export.rs`
/// (`the_artifact_template_exports_what_the_cmf_2_4_openapi_describes`).
fn spec_2_4(dir: &Path) -> PathBuf {
    let text = fs::read_to_string(support::shared("specs/cmf-openapi-2.4.0.yaml")).expect("spec");
    let from = "artifact:\n          $ref: '#/components/schemas/Artifact'";
    let deep = "artifact:\n                  $ref: '#/components/schemas/Artifact'";
    assert_eq!(text.matches(from).count() + text.matches(deep).count(), 4, "the spec changed");
    let patched = text
        .replace(from, "artifact:\n          type: string")
        .replace(deep, "artifact:\n                  type: string");
    let path = dir.join("cmf-openapi-2.4.0-prism.yaml");
    fs::write(&path, patched).expect("write spec");
    path
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// A child process killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Stand-in + Prism, and a temporary folder for logs and designs.
struct Stack {
    _standin: Process,
    _prism: Process,
    standin_port: u16,
    prism_port: u16,
    prism_log: PathBuf,
    dir: PathBuf,
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Accept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut text = String::new();
    stream.read_to_string(&mut text).expect("read");
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

impl Stack {
    fn start(name: &str) -> Stack {
        Stack::start_with(name, &spec())
    }

    fn start_with(name: &str, spec: &Path) -> Stack {
        let node = Command::new("node").arg("--version").output();
        assert!(
            node.is_ok_and(|o| o.status.success()),
            "Node.js is required for the CMF contract tests (run scripts/setup.sh all)"
        );
        let prism = root().join("tests/cmf/node_modules/.bin/prism");
        assert!(
            prism.exists(),
            "Prism is missing: run `npm ci --prefix tests/cmf` (scripts/setup.sh all does it)"
        );
        let dir =
            std::env::temp_dir().join(format!("fstudio-contract-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");

        let mut standin = Command::new("node")
            .arg(root().join("tests/cmf/standin.mjs"))
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the CMF stand-in");
        let mut line = String::new();
        BufReader::new(standin.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read port");
        let standin_port: u16 = line
            .trim()
            .strip_prefix("listening ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("stand-in did not report its port: {line:?}"));
        let standin = Process(standin);

        let prism_port = free_port();
        let prism_log = dir.join("prism.log");
        let log = fs::File::create(&prism_log).expect("prism log");
        let prism = Process(
            Command::new(&prism)
                .arg("proxy")
                .arg(spec)
                .arg(format!("http://127.0.0.1:{standin_port}"))
                .args(["--errors", "--host", "127.0.0.1", "--port", &prism_port.to_string()])
                .stdout(log.try_clone().expect("log"))
                .stderr(log)
                .spawn()
                .expect("start prism"),
        );
        let stack =
            Stack { _standin: standin, _prism: prism, standin_port, prism_port, prism_log, dir };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", prism_port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "prism did not start:\n{}",
                fs::read_to_string(&stack.prism_log).unwrap_or_default()
            );
            sleep(Duration::from_millis(200));
        }
        stack
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.prism_port)
    }

    fn fstudio(&self, args: &[&str], design: &Path) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fstudio"));
        cmd.args(args).args(["--url", &self.url()]).arg(design).env_remove("CONFLUENT_CMF_URL");
        cmd.output().expect("run fstudio")
    }

    fn design(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        fs::write(&path, text).expect("write design");
        path
    }

    fn fail_next(&self, method: &str, path: &str, status: u16) {
        let body = json!({"method": method, "path": path, "status": status,
                          "message": "injected by the contract test"});
        assert_eq!(http(self.standin_port, "POST", "/__admin/fail", Some(&body)).0, 200);
    }

    fn writes(&self) -> Vec<String> {
        let (_, body) = http(self.standin_port, "GET", "/__admin/log", None);
        let log: Vec<String> = serde_json::from_str(&body).expect("log");
        log.into_iter().filter(|l| !l.starts_with("GET ")).collect()
    }

    /// Lines in which Prism reports a violation or an error it generated.
    fn violations(&self) -> Vec<String> {
        fs::read_to_string(&self.prism_log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains('✖') || l.to_lowercase().contains("violation"))
            .map(str::to_string)
            .collect()
    }
}

fn out(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn plan_json(stack: &Stack, design: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["plan", "--format", "json"];
    args.extend(extra);
    let o = stack.fstudio(&args, design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("plan JSON");
    v["steps"].as_array().expect("steps").clone()
}

fn actions(steps: &[Value]) -> Vec<String> {
    steps
        .iter()
        .map(|s| format!("{} {}", s["action"].as_str().unwrap(), s["name"].as_str().unwrap()))
        .collect()
}

const DESIGN: &str = include_str!("cmf/design.yaml");

#[test]
fn plan_and_apply_through_the_validating_proxy() {
    let stack = Stack::start("main");
    let design = stack.design("design.yaml", DESIGN);

    // Create from empty.
    let steps = plan_json(&stack, &design, &[]);
    assert_eq!(
        actions(&steps),
        [
            "create dev-env",
            "create kafka-creds",
            "create kafka-conn",
            "create kafka-cat",
            "create clicks",
            "create sql-pool",
            "create count-clicks",
            "create orders"
        ]
    );
    let o = stack.fstudio(&["apply"], &design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("Statement count-clicks in environment dev-env: RUNNING"),
        "{}",
        out(&o)
    );
    assert_eq!(stack.writes().len(), 8);

    // No-op re-apply.
    let steps = plan_json(&stack, &design, &[]);
    assert!(steps.iter().all(|s| s["action"] == "unchanged"), "{steps:?}");
    let o = stack.fstudio(&["apply"], &design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert_eq!(stack.writes().len(), 8, "a no-op apply sends nothing");

    // Update: PUT for a statement, POST for an application.
    let changed = DESIGN
        .replace("parallelism: 2\n  properties", "parallelism: 3\n  properties")
        .replace("numberOfTaskSlots: \"2\"", "numberOfTaskSlots: \"4\"");
    let changed = stack.design("changed.yaml", &changed);
    let steps = plan_json(&stack, &changed, &[]);
    let updates: Vec<&Value> = steps.iter().filter(|s| s["action"] == "update").collect();
    assert_eq!(updates.len(), 2, "{steps:?}");
    assert_eq!(updates[0]["method"], "PUT");
    assert_eq!(updates[0]["diff"], json!([{"path": "/spec/parallelism", "before": 2, "after": 3}]));
    assert_eq!(updates[1]["method"], "POST");
    let o = stack.fstudio(&["apply"], &changed);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(plan_json(&stack, &changed, &[]).iter().all(|s| s["action"] == "unchanged"));

    // Partial failure, then resume.
    let extra = format!(
        "{}---\napiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata:\n  name: views\n\
         spec:\n  kafkaCluster:\n    connectionConfig: {{bootstrap.servers: \"kafka:9092\"}}\n\
         ---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata:\n  name: second-stmt\n\
         spec:\n  statement: \"SELECT 1\"\n  computePoolName: sql-pool\n",
        fs::read_to_string(&changed).expect("changed")
    );
    let extra = stack.design("extra.yaml", &extra);
    stack.fail_next("POST", "/cmf/api/v1/catalogs/kafka/kafka-cat/databases", 500);
    let o = stack.fstudio(&["apply"], &extra);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let text = out(&o);
    assert!(text.contains("500 server error in CMF: injected by the contract test"), "{text}");
    assert!(
        text.contains("Not applied:\n  Statement second-stmt in environment dev-env"),
        "{text}"
    );
    let steps = plan_json(&stack, &extra, &[]);
    assert_eq!(steps.iter().filter(|s| s["action"] == "create").count(), 2, "{steps:?}");
    let o = stack.fstudio(&["apply"], &extra);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(plan_json(&stack, &extra, &[]).iter().all(|s| s["action"] == "unchanged"));

    // Delete on request only.
    let steps = plan_json(&stack, &changed, &[]);
    assert!(
        steps.iter().all(|s| s["action"] == "unchanged"),
        "absent objects are not deleted unasked"
    );
    let steps = plan_json(&stack, &changed, &["--delete-missing"]);
    let deletes: Vec<&Value> = steps.iter().filter(|s| s["action"] == "delete").collect();
    assert_eq!(
        deletes.iter().map(|s| s["name"].as_str().unwrap()).collect::<Vec<_>>(),
        ["second-stmt", "views"]
    );
    let o = stack.fstudio(&["apply", "--delete-missing"], &changed);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(stack.writes().ends_with(&[
        "DELETE /cmf/api/v1/environments/dev-env/statements/second-stmt".to_string(),
        "DELETE /cmf/api/v1/catalogs/kafka/kafka-cat/databases/views".to_string(),
    ]));

    // The script for review.
    let script = stack.dir.join("plan.sh");
    let o = stack.fstudio(&["plan", "--script", script.to_str().unwrap()], &design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let text = fs::read_to_string(&script).expect("script");
    assert!(text.contains("confluent flink statement rescale 'count-clicks' --environment 'dev-env' --parallelism 2"), "{text}");
    assert!(!text.contains("password='p'"), "secret values stay out of the script");

    let flagged = stack.violations();
    assert!(flagged.is_empty(), "Prism flagged requests:\n{}", flagged.join("\n"));
}

#[test]
fn bad_servers_and_bad_input_exit_2_with_clear_messages() {
    let stack = Stack::start("errors");
    let design = stack.design("design.yaml", DESIGN);
    // Unreachable.
    let port = free_port();
    let o = Command::new(env!("CARGO_BIN_EXE_fstudio"))
        .args(["plan", "--url", &format!("http://127.0.0.1:{port}")])
        .arg(&design)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("connection refused"), "{}", out(&o));
    // A server that accepts connections but never answers: bounded, read retried once.
    let silent = TcpListener::bind("127.0.0.1:0").expect("bind");
    let silent_url = format!("http://{}", silent.local_addr().expect("addr"));
    let o = Command::new(env!("CARGO_BIN_EXE_fstudio"))
        .args(["plan", "--timeout", "1", "--url", &silent_url])
        .arg(&design)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("in time (2 attempts)"), "{}", out(&o));
    drop(silent);
    // 401 while reading.
    stack.fail_next("GET", "/cmf/api/v1/environments", 401);
    let o = stack.fstudio(&["plan"], &design);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("GET /cmf/api/v1/environments: 401 Unauthorized"), "{}", out(&o));
    // Token from an unset variable.
    let o = stack.fstudio(&["plan", "--token-env", "FSTUDIO_NO_SUCH_TOKEN"], &design);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("FSTUDIO_NO_SUCH_TOKEN is empty or not set"), "{}", out(&o));
    // A token is sent but never printed.
    let o = Command::new(env!("CARGO_BIN_EXE_fstudio"))
        .args(["apply", "--url", &stack.url(), "--token-env", "FSTUDIO_TEST_TOKEN"])
        .arg(&design)
        .env("FSTUDIO_TEST_TOKEN", "tok-123456")
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(!out(&o).contains("tok-123456"));
    // A design with errors is refused unless forced.
    let broken = stack.design("broken.yaml", &DESIGN.replace("name: orders", "name: Orders_App"));
    let o = stack.fstudio(&["apply"], &broken);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("refusing to apply"), "{}", out(&o));
    let o = stack.fstudio(&["apply", "--force"], &broken);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("applying despite"), "{}", out(&o));
    // 422 from CMF with its error list.
    stack.fail_next("POST", "/cmf/api/v1/environments/dev-env/applications", 422);
    let app = stack.design("app.yaml", &DESIGN.replace("name: orders", "name: orders-two"));
    let o = stack.fstudio(&["apply"], &app);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(
        out(&o).contains("422 Unprocessable Entity: injected by the contract test"),
        "{}",
        out(&o)
    );
    // The spec lists no 401 (CMF sends it when authentication is on): Prism notes the
    // injected one. Nothing else may be flagged.
    let flagged: Vec<String> = stack
        .violations()
        .into_iter()
        .filter(|l| !l.contains("Unable to match the returned status code"))
        .collect();
    assert!(flagged.is_empty(), "{}", flagged.join("\n"));
}

/// True for templates whose CMF objects need the CMF 2.4 API (artifacts, schedules).
fn needs_2_4(template: &Path) -> bool {
    fs::read_to_string(template).is_ok_and(|t| t.contains("kind: Artifact"))
}

/// A copy of `template` in `dir` with the files its artifacts name (a few bytes each),
/// as a user's checkout has them beside the design.
fn with_artifact_files(dir: &Path, template: &Path, content: &str) -> PathBuf {
    let text = fs::read_to_string(template).expect("template");
    for line in text.lines() {
        if let Some(file) = line.trim().strip_prefix("studio.flinkstudio.dev/artifact-file: ") {
            let path = dir.join(file.trim());
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(&path, format!("{content} {file}")).expect("write jar");
        }
    }
    let copy = dir.join(template.file_name().expect("name"));
    fs::write(&copy, text).expect("copy");
    copy
}

#[test]
fn artifacts_and_schedules_apply_against_cmf_2_4_and_reupload_only_changed_jars() {
    let spec_dir = std::env::temp_dir().join(format!("fstudio-spec-{}", std::process::id()));
    fs::create_dir_all(&spec_dir).expect("spec dir");
    let stack = Stack::start_with("artifacts", &spec_2_4(&spec_dir));
    let template = root().join("src/core/templates/cmf-artifacts.yaml");
    let design = with_artifact_files(&stack.dir, &template, "jar v1");
    let plan = plan_json(&stack, &design, &[]);
    let artifacts: Vec<&Value> = plan.iter().filter(|s| s["kind"] == "Artifact").collect();
    assert_eq!(artifacts.len(), 2, "{plan:?}");
    assert!(artifacts.iter().all(|s| s["action"] == "create" && s["method"] == "POST"));
    let o = stack.fstudio(&["apply"], &design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let writes = stack.writes();
    let first_artifact = writes.iter().position(|w| w.contains("/artifacts")).expect("uploaded");
    let first_user = writes
        .iter()
        .position(|w| w.contains("/applications") || w.contains("/statements"))
        .expect("users applied");
    assert!(first_artifact < first_user, "artifacts go first: {writes:?}");
    // The schedules' status is read back: the application's own, the detached
    // statement's from the environment's statement defaults.
    let applied = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        applied.contains("FlinkApplication orders in environment development: RUNNING (job job-orders)\n    savepoint schedule ACTIVE, next "),
        "{applied}"
    );
    let o = stack.fstudio(&["plan"], &design);
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(text.contains("Savepoint schedules on the server:\n"), "{text}");
    assert!(
        text.contains(
            "Statement orders-in-eur in environment development: savepoint schedule ACTIVE, next "
        ),
        "{text}"
    );
    // Nothing to do on a re-plan.
    let again = plan_json(&stack, &design, &[]);
    assert!(again.iter().all(|s| s["action"] == "unchanged"), "{again:?}");
    // One jar changes: only it is uploaded again, as a new version by PUT.
    let job = stack.dir.join("jars/orders-job.jar");
    fs::write(&job, "jar v2").expect("rewrite");
    let changed = plan_json(&stack, &design, &[]);
    let pending: Vec<&Value> = changed.iter().filter(|s| s["action"] != "unchanged").collect();
    assert_eq!(pending.len(), 1, "{changed:?}");
    assert_eq!(pending[0]["name"], "orders-job.jar");
    assert_eq!(pending[0]["method"], "PUT");
    assert_eq!(pending[0]["diff"][0]["path"], "/status/checksum");
    let o = stack.fstudio(&["apply"], &design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(plan_json(&stack, &design, &[]).iter().all(|s| s["action"] == "unchanged"));
    let flagged = stack.violations();
    assert!(flagged.is_empty(), "Prism flagged requests:\n{}", flagged.join("\n"));
}

#[test]
fn apply_uploads_a_file_attached_to_the_design_and_artifact_flags_override() {
    let spec_dir = std::env::temp_dir().join(format!("fstudio-spec-att-{}", std::process::id()));
    fs::create_dir_all(&spec_dir).expect("spec dir");
    let stack = Stack::start_with("attached", &spec_2_4(&spec_dir));
    let template = root().join("src/core/templates/cmf-artifacts.yaml");
    // No jar beside the design: orders-job.jar's content is in the design file
    // ("attached jar", base64, with its SHA-256), currency-udf.jar comes from --artifact.
    let text = fs::read_to_string(&template).expect("template").replace(
        "    studio.flinkstudio.dev/artifact-file: jars/orders-job.jar\n",
        "    studio.flinkstudio.dev/artifact-file: jars/orders-job.jar\n    \
         studio.flinkstudio.dev/artifact-content: YXR0YWNoZWQgamFy\n    \
         studio.flinkstudio.dev/artifact-sha256: \
         sha256:8621fccdfea5c5611c392207280ec90bbf25d529aad5bb247ac76cf1f91bd7e8\n",
    );
    let design = stack.design("attached.yaml", &text);
    let udf = stack.design("my-udf.jar", "udf from the flag");
    let flag = format!("currency-udf.jar={}", udf.display());
    // Without a file for currency-udf.jar the plan says which file is missing.
    let o = stack.fstudio(&["plan"], &design);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("currency-udf.jar"), "{}", out(&o));
    assert!(!out(&o).contains("orders-job.jar"), "the attached file is used: {}", out(&o));
    let plan = plan_json(&stack, &design, &["--artifact", &flag]);
    let created: Vec<&Value> =
        plan.iter().filter(|s| s["kind"] == "Artifact" && s["action"] == "create").collect();
    assert_eq!(created.len(), 2, "{plan:?}");
    let o = stack.fstudio(&["apply", "--artifact", &flag], &design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let (_, job) = http(
        stack.standin_port,
        "GET",
        "/cmf/api/v1/environments/development/artifacts/orders-job.jar",
        None,
    );
    let job: Value = serde_json::from_str(&job).expect("artifact");
    assert_eq!(
        job["status"]["checksum"],
        "sha256:8621fccdfea5c5611c392207280ec90bbf25d529aad5bb247ac76cf1f91bd7e8"
    );
    let again = plan_json(&stack, &design, &["--artifact", &flag]);
    assert!(again.iter().all(|s| s["action"] == "unchanged"), "{again:?}");
    let o = stack.fstudio(&["plan", "--artifact", "nope.jar=x"], &design);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(
        out(&o).contains("--artifact nope.jar=x: the design has no artifact named nope.jar"),
        "{}",
        out(&o)
    );
    let flagged = stack.violations();
    assert!(flagged.is_empty(), "Prism flagged requests:\n{}", flagged.join("\n"));
}

/// `fstudio savepoints …` with the connection flags after the subcommand's own.
fn savepoints(stack: &Stack, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fstudio"));
    cmd.arg("savepoints").args(args).args(["--url", &stack.url()]).env_remove("CONFLUENT_CMF_URL");
    cmd.output().expect("run fstudio")
}

#[test]
fn savepoints_are_listed_pinned_and_bulk_deleted_against_cmf_2_4_and_refused_for_2_3() {
    let spec_dir = std::env::temp_dir().join(format!("fstudio-spec-sp-{}", std::process::id()));
    fs::create_dir_all(&spec_dir).expect("spec dir");
    let stack = Stack::start_with("savepoints", &spec_2_4(&spec_dir));
    let template = root().join("src/core/templates/cmf-artifacts.yaml");
    let design = with_artifact_files(&stack.dir, &template, "jar");
    let o = stack.fstudio(&["apply"], &design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let path = "/cmf/api/v1/environments/development/applications/orders/savepoints";
    let seed = json!({"path": path, "items": [
        {"name": "sched-old", "source": "SCHEDULE", "ageHours": 24 * 10},
        {"name": "sched-kept", "source": "SCHEDULE", "ageHours": 24 * 10},
        {"name": "sched-new", "source": "SCHEDULE", "ageHours": 2},
        {"name": "manual-old", "source": "MANUAL", "ageHours": 24 * 10}]});
    assert_eq!(http(stack.standin_port, "POST", "/__admin/savepoints", Some(&seed)).0, 200);
    let app = ["--environment", "development", "--application", "orders"];
    fn with<'a>(first: &[&'a str], app: &[&'a str]) -> Vec<&'a str> {
        [first, app].concat()
    }

    let o = savepoints(&stack, &with(&["list"], &app));
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let listed = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(listed.contains("sched-old  source SCHEDULE  state COMPLETED"), "{listed}");
    let o = savepoints(&stack, &with(&["pin", "sched-kept"], &app));
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains(
            "sched-kept of FlinkApplication orders in environment development is pinned."
        ),
        "{}",
        out(&o)
    );
    let o = savepoints(&stack, &with(&["list"], &app));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("sched-kept  source SCHEDULE  state COMPLETED  PINNED"),
        "{}",
        out(&o)
    );
    let o = savepoints(
        &stack,
        &with(&["delete-old", "--source", "schedule", "--older-than", "7d", "--yes"], &app),
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("deleted 1 savepoint (pinned savepoints are never deleted this way)"),
        "{}",
        out(&o)
    );
    let o = savepoints(&stack, &with(&["list"], &app));
    let left = String::from_utf8_lossy(&o.stdout).to_string();
    for (name, kept) in
        [("sched-old", false), ("sched-kept", true), ("sched-new", true), ("manual-old", true)]
    {
        assert_eq!(left.contains(name), kept, "{name}: {left}");
    }
    let o = savepoints(&stack, &with(&["unpin", "sched-kept"], &app));
    assert!(out(&o).contains("is not pinned."), "{}", out(&o));
    // Without --yes and without a terminal answer nothing is deleted.
    let o = savepoints(
        &stack,
        &with(&["delete-old", "--source", "SCHEDULE", "--older-than", "1h"], &app),
    );
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("nothing deleted (not confirmed"), "{}", out(&o));
    // The script form: curl, since the Confluent CLI cannot do it.
    let o = savepoints(
        &stack,
        &with(&["delete-old", "--source", "SCHEDULE", "--older-than", "36h", "--print"], &app),
    );
    assert!(
        out(&o).contains(
            "curl -fsS -X DELETE \"$CONFLUENT_CMF_URL/cmf/api/v1/environments/development/applications/orders/savepoints?source=SCHEDULE&olderThanHours=36\""
        ),
        "{}",
        out(&o)
    );
    // CMF 2.3.1 is refused before anything is sent.
    let before = stack.writes().len();
    let o = savepoints(&stack, &with(&["pin", "sched-new", "--cmf-version", "2.3.1"], &app));
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(
        out(&o).contains(
            "CMF 2.3.1 cannot take pinning and bulk-deleting savepoints, which needs CMF 2.4"
        ),
        "{}",
        out(&o)
    );
    assert_eq!(stack.writes().len(), before, "nothing sent");
    let flagged = stack.violations();
    assert!(flagged.is_empty(), "Prism flagged requests:\n{}", flagged.join("\n"));
}

/// Prism 5's proxy re-encodes a multipart body's binary part as text (bytes that are not
/// UTF-8 change), so the tests above upload text jars through it. This one sends binary
/// jars straight to the stand-in: the multipart body carries them byte for byte (CMF's
/// checksum equals the file's SHA-256) and a re-plan finds nothing to upload.
#[test]
fn binary_jars_reach_cmf_byte_for_byte() {
    let stack = Stack::start("binary");
    let template = root().join("src/core/templates/cmf-artifacts.yaml");
    let design = with_artifact_files(&stack.dir, &template, "x");
    let jar: Vec<u8> =
        (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    fs::write(stack.dir.join("jars/orders-job.jar"), &jar).expect("binary jar");
    let direct = format!("http://127.0.0.1:{}", stack.standin_port);
    let run = |command: &str| {
        Command::new(env!("CARGO_BIN_EXE_fstudio"))
            .args([command, "--url", &direct])
            .arg(&design)
            .env_remove("CONFLUENT_CMF_URL")
            .output()
            .expect("run fstudio")
    };
    let o = run("apply");
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let (_, body) = http(
        stack.standin_port,
        "GET",
        "/cmf/api/v1/environments/development/artifacts/orders-job.jar",
        None,
    );
    let stored: Value = serde_json::from_str(&body).expect("artifact");
    assert_eq!(stored["status"]["size"], jar.len());
    assert_eq!(
        stored["status"]["checksum"],
        flink_studio::core::model::artifact::checksum(&jar).as_str()
    );
    let o = run("plan");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("0 to create, 0 to update, 11 unchanged"),
        "{}",
        out(&o)
    );
}

#[test]
fn the_same_design_targeting_cmf_2_3_1_is_refused_naming_each_feature() {
    let stack = Stack::start("artifacts-2-3");
    let template = root().join("src/core/templates/cmf-artifacts.yaml");
    let design = with_artifact_files(&stack.dir, &template, "jar");
    let text =
        fs::read_to_string(&design).expect("read").replace("version: 2.5.0", "version: 2.3.1");
    fs::write(&design, text).expect("write");
    for command in ["plan", "apply"] {
        let o =
            stack.fstudio(&[command, "--force"][..if command == "apply" { 2 } else { 1 }], &design);
        assert_eq!(o.status.code(), Some(2), "{command}: {}", out(&o));
        let text = out(&o);
        for feature in [
            "artifacts (cmf:// URIs), which needs CMF 2.4",
            "savepoint schedules (savepointSchedule), which needs CMF 2.4",
            "statement upgradeMode, which needs CMF 2.4",
            "the service-account allowlist, which needs CMF 2.4",
        ] {
            assert!(text.contains(feature), "{command} does not name {feature}: {text}");
        }
    }
    assert!(stack.writes().is_empty(), "nothing may be sent: {:?}", stack.writes());
}

#[test]
fn every_template_applies_cleanly_and_reapplies_as_a_no_op() {
    let stack = Stack::start("templates");
    let dir = root().join("src/core/templates");
    let mut templates: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("templates")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| !p.to_string_lossy().ends_with("-broken.yaml"))
        .filter(|p| !needs_2_4(p))
        .collect();
    templates.sort();
    assert!(templates.len() >= 4, "templates found: {templates:?}");
    let mut applied = 0;
    for template in &templates {
        let plan = stack.fstudio(&["plan", "--format", "json"], template);
        if plan.status.code() == Some(2) && out(&plan).contains("no CMF object") {
            continue;
        }
        let o = stack.fstudio(&["apply"], template);
        assert_eq!(o.status.code(), Some(0), "{}: {}", template.display(), out(&o));
        let steps = plan_json(&stack, template, &[]);
        assert!(
            steps.iter().all(|s| s["action"] == "unchanged"),
            "{}: re-plan after apply {steps:?}",
            template.display()
        );
        applied += 1;
    }
    assert!(applied >= 2, "templates with CMF objects: {applied}");
    let flagged = stack.violations();
    assert!(flagged.is_empty(), "Prism flagged requests:\n{}", flagged.join("\n"));
}

#[test]
fn review_reads_its_baseline_from_cmf() {
    let stack = Stack::start("review");
    let design = stack.design("design.yaml", DESIGN);
    let o = stack.fstudio(&["apply"], &design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let review = |file: &Path| {
        Command::new(env!("CARGO_BIN_EXE_fstudio"))
            .args(["review", "--format", "json", "--baseline", &format!("cmf:{}", stack.url())])
            .arg(file)
            .env_remove("CONFLUENT_CMF_URL")
            .output()
            .expect("run fstudio")
    };
    // What CMF has is the design: nothing changes.
    let o = review(&design);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["changes"], json!([]), "{v:#}");
    assert!(v["baseline"].as_str().unwrap().starts_with("cmf:http://127.0.0.1:"), "{v}");
    // New SQL for the running statement: CMF rejects it (the stand-in reports RUNNING).
    let changed = stack.design(
        "changed.yaml",
        &DESIGN.replace("COUNT(*) FROM clicks", "COUNT(*) AS n FROM clicks"),
    );
    let o = review(&changed);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let change = &v["changes"][0];
    assert_eq!(change["resource"]["name"], "count-clicks", "{v:#}");
    assert_eq!(change["verdict"]["action"], "reject", "{v:#}");
    let rules: Vec<&str> =
        v["findings"].as_array().unwrap().iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(rules.contains(&"CMF-CHG-002"), "{rules:?}");
    // An unreachable CMF is an unreadable baseline.
    let port = free_port();
    let o = Command::new(env!("CARGO_BIN_EXE_fstudio"))
        .args(["review", "--baseline", &format!("cmf:http://127.0.0.1:{port}")])
        .arg(&design)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("cannot read baseline cmf:http://127.0.0.1"), "{}", out(&o));
    let flagged = stack.violations();
    assert!(flagged.is_empty(), "Prism flagged requests:\n{}", flagged.join("\n"));
}

//! A plan as a reviewable shell script of `confluent flink …` commands (Confluent CLI
//! ≥ 4.7, logged out of Confluent Cloud). Payloads are written next to the commands with
//! here-documents; where the CLI has no command for a step the script says so and shows
//! the REST call instead.

use serde_json::{Value, json};

use super::endpoints::{ObjectKey, kind_label};
use super::plan::{Action, Plan, Step};
use crate::core::credentials;
use crate::core::export::PLACEHOLDER;
use crate::core::model::Kind;

/// Quotes `text` for a POSIX shell.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn slug(key: &ObjectKey) -> String {
    let kind = kind_label(key.kind).to_ascii_lowercase();
    let mut parts = vec![kind];
    parts.extend(key.environment.clone());
    parts.extend(key.catalog.clone());
    parts.push(key.name.clone());
    parts
        .join("-")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
        .collect()
}

struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Writes `value` to `$DIR/<file>` and returns the shell word for its path.
    fn file(&mut self, name: &str, value: &Value) -> String {
        let text = serde_json::to_string_pretty(value).unwrap_or_default();
        self.line(&format!("cat > \"$DIR/{name}\" <<'FSTUDIO_EOF'"));
        self.line(&text);
        self.line("FSTUDIO_EOF");
        format!("\"$DIR/{name}\"")
    }
}

fn redacted(step: &Step, include_secrets: bool) -> Option<Value> {
    let mut body = step.body.clone()?;
    if !include_secrets {
        credentials::redact(&mut body, PLACEHOLDER);
    }
    Some(body)
}

fn scope_flag(key: &ObjectKey) -> String {
    match (&key.environment, &key.catalog) {
        (Some(env), _) => format!(" --environment {}", quote(env)),
        (_, Some(cat)) => format!(" --catalog {}", quote(cat)),
        _ => String::new(),
    }
}

fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Environment => "environment",
        Kind::Application => "application",
        Kind::ComputePool => "compute-pool",
        Kind::Statement => "statement",
        Kind::KafkaCatalog => "catalog",
        Kind::KafkaDatabase => "catalog database",
        Kind::CmfSecret => "secret",
        Kind::SecretMapping => "secret-mapping",
        _ => "object",
    }
}

fn no_cli(w: &mut Writer, step: &Step, why: &str, file: Option<&str>) {
    let method = step.method.map_or("GET", |m| m.as_str());
    w.line(&format!("# No Confluent CLI command {why}. The REST call instead:"));
    let data = file
        .map(|f| format!(" -H 'Content-Type: application/json' --data @{f}"))
        .unwrap_or_default();
    w.line(&format!("# curl -fsS -X {method} \"$CONFLUENT_CMF_URL{}\"{data}", step.path));
}

fn environment(w: &mut Writer, step: &Step, body: &Value) {
    let key = &step.key;
    let verb = if step.action == Action::Create { "create" } else { "update" };
    let mut cmd = format!("confluent flink environment {verb} {}", quote(&key.name));
    if step.action == Action::Create
        && let Some(ns) = body.get("kubernetesNamespace").and_then(Value::as_str)
    {
        cmd.push_str(&format!(" --kubernetes-namespace {}", quote(ns)));
    }
    for (field, flag) in [
        ("flinkApplicationDefaults", "defaults"),
        ("computePoolDefaults", "compute-pool-defaults"),
        ("statementDefaults", "statement-defaults"),
    ] {
        if let Some(v) = body.get(field) {
            let path = w.file(&format!("{}-{flag}.json", slug(key)), v);
            cmd.push_str(&format!(" --{flag} {path}"));
        }
    }
    let unsupported: Vec<&str> = ["kubernetesClusterName", "metadata"]
        .into_iter()
        .filter(|f| body.get(*f).is_some())
        .collect();
    if !unsupported.is_empty() {
        w.line(&format!(
            "# The CLI cannot set {} of an environment; POST the body to /environments instead.",
            unsupported.join(", ")
        ));
    }
    if step.action == Action::Update && step.diff.iter().any(|c| c.path == "/kubernetesNamespace") {
        w.line("# The CLI cannot change an environment's Kubernetes namespace.");
    }
    w.line(&cmd);
}

fn statement(w: &mut Writer, step: &Step, body: &Value) {
    let key = &step.key;
    let env = scope_flag(key);
    if step.action == Action::Update {
        let only = |paths: &[&str]| step.diff.iter().all(|c| paths.contains(&c.path.as_str()));
        let spec = |f: &str| body.pointer(&format!("/spec/{f}")).cloned();
        if only(&["/spec/parallelism"]) {
            let p = spec("parallelism").unwrap_or(json!(1));
            w.line(&format!(
                "confluent flink statement rescale {}{env} --parallelism {p}",
                quote(&key.name)
            ));
        } else if only(&["/spec/stopped"]) {
            let stop = spec("stopped").and_then(|v| v.as_bool()).unwrap_or(false);
            let verb = if stop { "stop" } else { "resume" };
            w.line(&format!("confluent flink statement {verb} {}{env}", quote(&key.name)));
        } else {
            let file = w.file(&format!("{}.json", slug(key)), body);
            no_cli(w, step, "updates these statement fields", Some(&file));
        }
        return;
    }
    let spec = body.get("spec").cloned().unwrap_or(json!({}));
    let sql = spec.get("statement").and_then(Value::as_str).unwrap_or_default();
    let pool = spec.get("computePoolName").and_then(Value::as_str).unwrap_or_default();
    let mut cmd = format!(
        "confluent flink statement create {}{env} --compute-pool {} --sql {}",
        quote(&key.name),
        quote(pool),
        quote(sql)
    );
    if let Some(p) = spec.get("parallelism") {
        cmd.push_str(&format!(" --parallelism {p}"));
    }
    let props = spec.get("properties").and_then(Value::as_object);
    let prop = |k: &str| props.and_then(|p| p.get(k)).and_then(Value::as_str);
    if let Some(c) = prop("sql.current-catalog") {
        cmd.push_str(&format!(" --catalog {}", quote(c)));
    }
    if let Some(d) = prop("sql.current-database") {
        cmd.push_str(&format!(" --database {}", quote(d)));
    }
    if let Some(conf) = spec.get("flinkConfiguration") {
        let path = w.file(&format!("{}-flink-configuration.json", slug(key)), conf);
        cmd.push_str(&format!(" --flink-configuration {path}"));
    }
    let extra: Vec<String> = props
        .map(|p| p.keys().filter(|k| !k.starts_with("sql.current-")).cloned().collect())
        .unwrap_or_default();
    if !extra.is_empty()
        || spec.get("stopped").is_some()
        || body.pointer("/metadata/labels").is_some()
    {
        w.line("# The CLI cannot pass other statement properties, `stopped` or labels; POST the");
        w.line("# payload to the statements collection if they matter.");
    }
    w.line(&cmd);
}

/// An artifact upload: a new version with `confluent flink artifact version create`
/// (Confluent CLI reference), the first upload as CMF's multipart REST call (the CLI has
/// no command that creates a CMF artifact).
fn artifact(w: &mut Writer, step: &Step, body: &Value) {
    let key = &step.key;
    let path = step.upload.as_ref().map_or("<file>".to_string(), |u| u.path.clone());
    if step.action == Action::Update {
        w.line(&format!(
            "confluent flink artifact version create {}{} --artifact-file {}",
            quote(&key.name),
            scope_flag(key),
            quote(&path)
        ));
        return;
    }
    let file = w.file(&format!("{}.json", slug(key)), body);
    w.line("# No Confluent CLI command creates a CMF artifact: CMF's multipart upload (add");
    w.line("# -H \"Authorization: Bearer $TOKEN\" or --cacert/--cert/--key as your CMF needs).");
    w.line(&format!(
        "curl -fsS -X POST \"$CONFLUENT_CMF_URL{}\" -F \"artifact=@{};type=application/json\" -F {}",
        step.path,
        file.trim_matches('"'),
        quote(&format!("file=@{path}"))
    ));
}

fn step_lines(w: &mut Writer, step: &Step, include_secrets: bool) {
    let key = &step.key;
    w.line("");
    w.line(&format!("# {} {key}", format!("{:?}", step.action).to_lowercase()));
    for c in &step.diff {
        w.line(&format!("#   {}: {} -> {}", c.path, show(&c.before), show(&c.after)));
    }
    if let Some(note) = &step.note {
        w.line(&format!("# note: {note}"));
    }
    let body = redacted(step, include_secrets).unwrap_or(Value::Null);
    let verb = if step.action == Action::Create { "create" } else { "update" };
    match (step.action, key.kind) {
        (Action::Unchanged, _) => {}
        (Action::Delete, Kind::Artifact) => no_cli(w, step, "deletes a CMF artifact", None),
        (_, Kind::Artifact) => artifact(w, step, &body),
        (Action::Delete, kind) => w.line(&format!(
            "confluent flink {} delete {}{} --force",
            noun(kind),
            quote(&key.name),
            scope_flag(key)
        )),
        (_, Kind::Environment) => environment(w, step, &body),
        (_, Kind::Statement) => statement(w, step, &body),
        (Action::Update, Kind::ComputePool) => {
            let file = w.file(&format!("{}.json", slug(key)), &body);
            no_cli(w, step, "updates a CMF compute pool", Some(&file));
        }
        (_, kind) => {
            let file = w.file(&format!("{}.json", slug(key)), &body);
            w.line(&format!("confluent flink {} {verb} {file}{}", noun(kind), scope_flag(key)));
        }
    }
}

fn show(value: &Option<Value>) -> String {
    value.as_ref().map_or("(absent)".to_string(), |v| {
        let t = v.to_string();
        if t.chars().count() > 60 {
            format!("{}…", t.chars().take(60).collect::<String>())
        } else {
            t
        }
    })
}

/// The plan as a POSIX shell script for `url` (the CMF base URL). Secret values are
/// replaced by placeholders unless `include_secrets`.
pub fn render(plan: &Plan, url: &str, include_secrets: bool) -> String {
    let mut w = Writer { out: String::new() };
    w.line("#!/bin/sh");
    w.line("# Apply plan written by Flink Studio (fstudio plan --script). Review it, then run it.");
    w.line("# Needs the Confluent CLI >= 4.7, logged out of Confluent Cloud.");
    w.line("set -eu");
    w.line(&format!(
        "export CONFLUENT_CMF_URL=\"${{CONFLUENT_CMF_URL:-{}}}\"",
        url.replace('"', "")
    ));
    w.line("DIR=\"$(mktemp -d)\"");
    if !include_secrets
        && plan
            .steps
            .iter()
            .any(|s| s.body.as_ref().is_some_and(|b| !credentials::places(b).is_empty()))
    {
        w.line(&format!(
            "# Secret values are written as {PLACEHOLDER}: fill them in before running."
        ));
    }
    for step in &plan.steps {
        step_lines(&mut w, step, include_secrets);
    }
    if !plan.absent.is_empty() && !plan.steps.iter().any(|s| s.action == Action::Delete) {
        w.line("");
        w.line("# On the server but not in the design (left alone):");
        for key in &plan.absent {
            w.line(&format!("#   {key}"));
        }
    }
    w.out
}

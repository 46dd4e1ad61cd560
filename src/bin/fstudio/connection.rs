//! What `plan` and `apply` share: the CMF connection flags, reading the server, planning,
//! and the text form of a plan.

use std::time::Duration;

use clap::Args as ClapArgs;
use flink_studio::core::cmf::Upload;
use flink_studio::core::cmf::client::{Client, block_on};
use flink_studio::core::cmf::plan::{self, Action, Desired, Plan};
use flink_studio::core::cmf::state;
use flink_studio::core::design::Design;
use flink_studio::core::model::Kind;
use std::sync::Arc;

use crate::http::{self, HttpTransport};
use crate::tls::TlsArgs;

/// Exit code for bad input or an unreachable server.
pub const BAD_INPUT: u8 = 2;

/// How to reach CMF.
#[derive(Debug, Clone, ClapArgs)]
pub struct ConnectionArgs {
    /// CMF base URL, as CONFLUENT_CMF_URL takes it (the API lives under /cmf/api/v1).
    #[arg(long, value_name = "URL", env = "CONFLUENT_CMF_URL")]
    pub url: String,
    /// Name of the environment variable holding an OAuth bearer token (never printed).
    #[arg(long, value_name = "VAR")]
    pub token_env: Option<String>,
    /// Seconds to wait for a connection, and again for a response; reads are tried twice.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
    #[command(flatten)]
    tls: TlsArgs,
}

impl ConnectionArgs {
    /// The connection to `url` with the default timeout.
    pub fn new(url: String, token_env: Option<String>, tls: TlsArgs) -> Self {
        Self { url, token_env, timeout: 30, tls }
    }

    /// A client, or the reason there is none.
    pub fn client(&self) -> Result<Client<HttpTransport>, String> {
        let (base, https) = http::base_url(&self.url)?;
        let tls = if https {
            if self.tls.insecure_skip_tls_verify {
                eprintln!(
                    "fstudio: WARNING: --insecure-skip-tls-verify: the certificate of {base} is \
                     NOT verified; anyone on the way can read and change this traffic, the \
                     bearer token and secret values included. Use --ca-cert FILE instead."
                );
            }
            Some(self.tls.load()?)
        } else {
            if self.tls.any() {
                eprintln!(
                    "fstudio: note: {base} is plain http: the TLS settings (--ca-cert, \
                     --client-cert, --client-key, --insecure-skip-tls-verify or their \
                     CONFLUENT_CMF_* variables) are not used"
                );
            }
            None
        };
        let transport = HttpTransport::new(base, Duration::from_secs(self.timeout.max(1)), tls);
        let token = match &self.token_env {
            None => None,
            Some(var) => match std::env::var(var) {
                Ok(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
                _ => {
                    return Err(format!(
                        "--token-env {var}: the environment variable {var} is empty or not set"
                    ));
                }
            },
        };
        Ok(Client::new(transport).with_token(token))
    }
}

/// Which file to upload for an artifact, overriding what the design says.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct ArtifactArgs {
    /// Upload PATH as the artifact NAME (repeatable). Without it, an artifact's file
    /// attached to the design file is uploaded, else the file its
    /// `studio.flinkstudio.dev/artifact-file` annotation names (relative to the design).
    #[arg(long = "artifact", value_name = "NAME=PATH")]
    pub artifacts: Vec<String>,
}

impl ArtifactArgs {
    /// Reads the files given with `--artifact` into the artifacts of `desired`; returns
    /// what is wrong (bad syntax, unknown artifact, unreadable file).
    fn attach(&self, desired: &mut [Desired]) -> Vec<String> {
        let mut problems = Vec::new();
        for given in &self.artifacts {
            let Some((name, path)) =
                given.split_once('=').filter(|(n, p)| !n.is_empty() && !p.is_empty())
            else {
                problems.push(format!("--artifact {given}: expected NAME=PATH"));
                continue;
            };
            let mut found = false;
            for d in
                desired.iter_mut().filter(|d| d.key.kind == Kind::Artifact && d.key.name == name)
            {
                found = true;
                match std::fs::read(path) {
                    Ok(content) => {
                        let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_string();
                        d.upload = Some(Upload {
                            file_name,
                            path: path.to_string(),
                            content: Arc::new(content),
                        });
                    }
                    Err(e) => problems.push(format!("--artifact {given}: cannot read {path}: {e}")),
                }
            }
            if !found {
                problems
                    .push(format!("--artifact {given}: the design has no artifact named {name}"));
            }
        }
        problems
    }
}

/// The design's payloads and the plan against the server, or a message (exit 2).
pub fn make_plan(
    client: &Client<HttpTransport>,
    design: &Design,
    artifacts: &ArtifactArgs,
    delete_missing: bool,
) -> Result<(Vec<Desired>, Plan), String> {
    let (mut desired, mut problems) = plan::desired(design);
    problems.extend(artifacts.attach(&mut desired));
    problems.extend(plan::attach_files(&mut desired, |path| {
        std::fs::read(path).map_err(|e| e.to_string())
    }));
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    if desired.is_empty() {
        return Err("the inputs hold no CMF object (environment, application, compute pool, \
                    statement, catalog, database, secret or secret mapping)"
            .into());
    }
    let server =
        block_on(state::read(client, &plan::scope(&desired))).map_err(|e| e.to_string())?;
    let plan = plan::plan(&desired, &server, delete_missing);
    if !plan.problems.is_empty() {
        return Err(plan.problems.join("\n"));
    }
    Ok((desired, plan))
}

fn value(v: &Option<serde_json::Value>) -> String {
    v.as_ref().map_or("(absent)".into(), |v| v.to_string())
}

/// The plan as text: one line per step, its diff below, then the objects left alone.
pub fn text(plan: &Plan, url: &str) -> String {
    let count = |a: Action| plan.steps.iter().filter(|s| s.action == a).count();
    let mut out = format!(
        "Plan for {url}: {} to create, {} to update, {} unchanged, {} to delete\n",
        count(Action::Create),
        count(Action::Update),
        count(Action::Unchanged),
        count(Action::Delete)
    );
    for s in &plan.steps {
        let action = format!("{:?}", s.action).to_lowercase();
        let call = s.method.map(|m| format!("  {m} {}", s.path)).unwrap_or_default();
        out.push_str(&format!("  {action:<9}  {}{call}\n", s.key));
        for c in &s.diff {
            out.push_str(&format!(
                "      {}: {} -> {}\n",
                c.path,
                value(&c.before),
                value(&c.after)
            ));
        }
        if let Some(note) = &s.note {
            out.push_str(&format!("      note: {note}\n"));
        }
    }
    if !plan.schedules.is_empty() {
        out.push_str("Savepoint schedules on the server:\n");
        for (key, status) in &plan.schedules {
            out.push_str(&format!("  {key}: {status}\n"));
        }
    }
    if !plan.absent.is_empty() && count(Action::Delete) == 0 {
        out.push_str(
            "On the server but not in the design (left alone; --delete-missing deletes them):\n",
        );
        for key in &plan.absent {
            out.push_str(&format!("  {key}\n"));
        }
    }
    out
}

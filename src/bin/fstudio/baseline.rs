//! `--baseline OLD`: the design as deployed, from files and folders, from a git revision
//! (`git:REV:PATH`, read with `git show`; PATH relative to the current folder), or from a
//! running CMF (`cmf:URL`, read as `fstudio plan` reads it).

use std::path::PathBuf;
use std::process::Command;

use clap::Args as ClapArgs;
use flink_studio::core::cmf::client::block_on;
use flink_studio::core::cmf::{plan, state};
use flink_studio::core::design::Design;
use flink_studio::core::review::Baseline;
use flink_studio::core::targets::{TargetOverrides, Targets, Version};

use crate::connection::ConnectionArgs;
use crate::input::{self, InputArgs};
use crate::tls::TlsArgs;

/// The baseline flags.
#[derive(Debug, Clone, ClapArgs)]
pub struct BaselineArgs {
    /// The design as deployed now: a file or folder (exported manifests, a design file,
    /// `kubectl get … -o yaml` output with status), `git:REV:PATH` for a revision of a
    /// file or folder in the current git repository, or `cmf:URL` for what a running CMF
    /// has (the environments and catalogs the design names, with their status). Repeat to
    /// combine.
    #[arg(long = "baseline", value_name = "OLD")]
    pub baseline: Vec<String>,
    /// With `cmf:URL`: the environment variable holding an OAuth bearer token (never
    /// printed).
    #[arg(long, value_name = "VAR")]
    pub baseline_token_env: Option<String>,
    /// With `cmf:URL`: TLS settings, as for `fstudio plan`.
    #[command(flatten)]
    pub tls: TlsArgs,
    /// Operator version the baseline runs on (default: the baseline's
    /// FlinkKubernetesOperator node, else the new design's target).
    #[arg(long, value_name = "V", value_parser = parse_version)]
    pub baseline_fko_version: Option<Version>,
    /// CMF version the baseline runs on (default: as for the operator).
    #[arg(long, value_name = "V", value_parser = parse_version)]
    pub baseline_cmf_version: Option<Version>,
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| format!("'{text}' is not a version like 1.15.0"))
}

fn is_manifest(name: &str) -> bool {
    [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e))
}

fn git(args: &[&str]) -> Result<String, String> {
    let out =
        Command::new("git").args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("git {}: {}", args.join(" "), err.trim()));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| format!("git {}: output is not UTF-8", args.join(" ")))
}

/// The texts at `rev:path` (a file, or every manifest below a folder).
fn from_git(rev: &str, path: &str) -> Result<Vec<(String, String)>, String> {
    let rel = if path.starts_with("./") || path.starts_with('/') {
        path.to_string()
    } else {
        format!("./{path}")
    };
    let listed = git(&["ls-tree", "-r", "--name-only", rev, "--", &rel])?;
    let files: Vec<&str> = listed.lines().filter(|f| is_manifest(f)).collect();
    if files.is_empty() {
        return Err(format!("git:{rev}:{path}: no .yaml, .yml or .json file at that revision"));
    }
    files
        .into_iter()
        .map(|f| {
            let text = git(&["show", &format!("{rev}:./{f}")])?;
            Ok((format!("git:{rev}:{f}"), text))
        })
        .collect()
}

/// Reads what the CMF at `url` has of the environments and catalogs `design` names into
/// `b`, each object with its environment or catalog; `status` stays apart (statement
/// phases, application job state).
fn from_cmf(
    url: &str,
    args: &BaselineArgs,
    design: &Design,
    b: &mut Baseline,
) -> Result<(), String> {
    let connection =
        ConnectionArgs::new(url.to_string(), args.baseline_token_env.clone(), args.tls.clone());
    let client = connection.client().map_err(|e| format!("cmf:{url}: {e}"))?;
    let (desired, _) = plan::desired(design);
    if desired.is_empty() {
        return Err(format!(
            "cmf:{url}: the design holds no CMF object, so there is nothing to read from CMF"
        ));
    }
    let server = block_on(state::read(&client, &plan::scope(&desired)))
        .map_err(|e| format!("cmf:{url}: {e}"))?;
    b.add_cmf(&server, &format!("cmf:{}", client.base_url()));
    Ok(())
}

/// Reads the baseline (`design`, the new design, says which CMF environments and catalogs
/// a `cmf:URL` baseline reads); `Err` names what could not be read.
pub fn load(
    args: &BaselineArgs,
    inputs: &InputArgs,
    design: &Design,
) -> Result<Baseline, Vec<String>> {
    let mut b = Baseline::new(args.baseline.join(", "));
    let mut unreadable = Vec::new();
    for spec in &args.baseline {
        if let Some(url) = spec.strip_prefix("cmf:") {
            let url = if url.is_empty() {
                std::env::var("CONFLUENT_CMF_URL").unwrap_or_default()
            } else {
                url.to_string()
            };
            if let Err(e) = from_cmf(&url, args, design, &mut b) {
                unreadable.push(e);
            }
            continue;
        }
        let texts = match spec.strip_prefix("git:").map(|rest| rest.split_once(':')) {
            Some(Some((rev, path))) => from_git(rev, path).unwrap_or_else(|e| {
                unreadable.push(e);
                Vec::new()
            }),
            Some(None) => {
                unreadable.push(format!("{spec}: write git:REV:PATH, e.g. git:HEAD~1:design.yaml"));
                Vec::new()
            }
            None => input::read_texts(&[PathBuf::from(spec)], &mut unreadable),
        };
        for (name, text) in texts {
            b.add_text(&name, &text);
        }
    }
    b.finish(inputs.environment.as_deref(), inputs.catalog.as_deref());
    if unreadable.is_empty() { Ok(b) } else { Err(unreadable) }
}

/// What the baseline runs on (see [`Baseline::targets`]).
pub fn targets(args: &BaselineArgs, baseline: &Baseline, after: Targets) -> Targets {
    let flags = TargetOverrides {
        fko: args.baseline_fko_version,
        cmf: args.baseline_cmf_version,
        ..TargetOverrides::default()
    };
    baseline.targets(flags, after)
}

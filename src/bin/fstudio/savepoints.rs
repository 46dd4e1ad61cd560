//! `fstudio savepoints list|pin|unpin|delete-old`: the savepoints of a CMF application or
//! statement (CMF ≥ 2.4 for pin, unpin and delete-old; refused up front for an older
//! `--cmf-version`). `--print` writes the command instead of sending it: `confluent flink
//! savepoint list` for list, `curl` for the rest (the Confluent CLI cannot pin or
//! bulk-delete).

use clap::{Args as ClapArgs, Subcommand};
use flink_studio::core::cmf::client::block_on;
use flink_studio::core::cmf::endpoints::ObjectKey;
use flink_studio::core::cmf::savepoints::{self, Age, Source};
use flink_studio::core::cmf::{Method, Request};
use flink_studio::core::flink::version::Version;
use flink_studio::core::model::Kind;
use flink_studio::core::targets::DEFAULT_CMF;

use crate::connection::{BAD_INPUT, ConnectionArgs};

/// Whose savepoints.
#[derive(Debug, Clone, ClapArgs)]
pub struct Owner {
    /// The CMF environment.
    #[arg(long, value_name = "NAME")]
    environment: String,
    /// The application (or --statement).
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "statement",
        required_unless_present = "statement"
    )]
    application: Option<String>,
    /// The statement (or --application).
    #[arg(long, value_name = "NAME")]
    statement: Option<String>,
}

impl Owner {
    fn key(&self) -> ObjectKey {
        match (&self.application, &self.statement) {
            (Some(a), _) => ObjectKey::in_environment(Kind::Application, &self.environment, a),
            (None, Some(s)) => ObjectKey::in_environment(Kind::Statement, &self.environment, s),
            (None, None) => unreachable!("clap requires one"),
        }
    }
}

/// What every savepoints command takes: whose savepoints, the server and its release.
#[derive(Debug, Clone, ClapArgs)]
pub struct Common {
    #[command(flatten)]
    owner: Owner,
    /// The CMF release the server runs (pin, unpin and delete-old need 2.4).
    #[arg(long, value_name = "X.Y.Z", default_value_t = DEFAULT_CMF.to_string())]
    cmf_version: String,
    /// Print the command (confluent or curl) instead of sending anything.
    #[arg(long)]
    print: bool,
    #[command(flatten)]
    connection: ConnectionArgs,
}

/// What to do.
#[derive(Debug, Clone, Subcommand)]
pub enum Action {
    /// List the savepoints: name, source, state, pinned, created, path.
    List {
        #[command(flatten)]
        common: Common,
    },
    /// Pin a savepoint: retention and delete-old never delete it.
    Pin {
        /// The savepoint's name.
        name: String,
        #[command(flatten)]
        common: Common,
    },
    /// Unpin a savepoint.
    Unpin {
        /// The savepoint's name.
        name: String,
        #[command(flatten)]
        common: Common,
    },
    /// Delete the savepoints of one source older than an age (pinned ones are kept).
    DeleteOld {
        /// MANUAL, UPGRADE or SCHEDULE.
        #[arg(long, value_name = "SOURCE")]
        source: String,
        /// Minimum age: whole days (7d) or hours (36h).
        #[arg(long, value_name = "AGE")]
        older_than: String,
        /// Delete without asking (otherwise it asks on the terminal).
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        common: Common,
    },
}

impl Action {
    fn common(&self) -> &Common {
        match self {
            Action::List { common }
            | Action::Pin { common, .. }
            | Action::Unpin { common, .. }
            | Action::DeleteOld { common, .. } => common,
        }
    }
}

/// Arguments of `savepoints`. Exit 0 when done, 1 when CMF refused, 2 on bad input or
/// an unreachable server.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

fn fail(message: &str) -> u8 {
    eprintln!("fstudio: {message}");
    BAD_INPUT
}

fn confirm(question: &str) -> bool {
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok() && answer.trim().eq_ignore_ascii_case("y")
}

/// Runs `savepoints`; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let common = args.action.common();
    let Some(target) = Version::parse(&common.cmf_version) else {
        return fail(&format!(
            "--cmf-version {}: expected a release such as 2.4.0",
            common.cmf_version
        ));
    };
    let owner = common.owner.key();
    let changes = !matches!(args.action, Action::List { .. });
    if changes && let Some(refused) = savepoints::refusal(target) {
        return fail(&refused);
    }
    let collection = match savepoints::collection(&owner) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    if common.print {
        let line = match &args.action {
            Action::List { .. } => savepoints::list_command(&owner),
            Action::Pin { name, .. } | Action::Unpin { name, .. } => {
                let pinned = matches!(args.action, Action::Pin { .. });
                let body = serde_json::json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Savepoint",
                    "metadata": {"name": name}, "spec": {"pinned": pinned}});
                let path = format!(
                    "{collection}/{}",
                    flink_studio::core::cmf::transport::percent_encode(name)
                );
                format!(
                    "# GET the savepoint first and keep its spec: the PUT replaces it\n{}",
                    savepoints::curl(&Request::new(Method::Put, path).with_body(body))
                )
            }
            Action::DeleteOld { source, older_than, .. } => {
                match delete(&owner, source, older_than) {
                    Ok((r, _, _)) => savepoints::curl(&r),
                    Err(e) => return fail(&e),
                }
            }
        };
        crate::out::println(&line);
        return 0;
    }
    let client = match common.connection.client() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let result = match &args.action {
        Action::List { .. } => block_on(savepoints::list(&client, &owner)).map(|list| {
            if list.is_empty() {
                return format!("{owner} has no savepoints.");
            }
            let mut out = format!("Savepoints of {owner}:\n");
            for s in list {
                let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                out.push_str(&format!(
                    "  {}  source {}  state {}  {}created {}  {}\n",
                    s.name,
                    show(&s.source),
                    show(&s.state),
                    if s.pinned { "PINNED  " } else { "" },
                    show(&s.created),
                    show(&s.path)
                ));
            }
            out.trim_end().to_string()
        }),
        Action::Pin { name, .. } | Action::Unpin { name, .. } => {
            let pinned = matches!(args.action, Action::Pin { .. });
            block_on(savepoints::set_pinned(&client, &owner, name, pinned)).map(|s| {
                format!(
                    "{} of {owner} is {}.",
                    s.name,
                    if s.pinned { "pinned" } else { "not pinned" }
                )
            })
        }
        Action::DeleteOld { source, older_than, yes, .. } => {
            let (_, source, age) = match delete(&owner, source, older_than) {
                Ok(d) => d,
                Err(e) => return fail(&e),
            };
            let question = format!(
                "Delete the {} savepoints of {owner} older than {age} (pinned ones are kept)?",
                source.as_str()
            );
            if !yes && !confirm(&question) {
                return fail("nothing deleted (not confirmed; --yes deletes without asking)");
            }
            block_on(savepoints::delete_older(&client, &owner, source, age))
                .map(|d| format!("{owner}: {d}."))
        }
    };
    match result {
        Ok(text) => {
            crate::out::println(&text);
            0
        }
        Err(e) => {
            eprintln!("fstudio: {e}");
            if e.is_not_found() || matches!(e.kind, flink_studio::core::cmf::ErrorKind::Refused) {
                BAD_INPUT
            } else {
                1
            }
        }
    }
}

fn delete(
    owner: &ObjectKey,
    source: &str,
    older_than: &str,
) -> Result<(Request, Source, Age), String> {
    let source = Source::parse(source)
        .ok_or_else(|| format!("--source {source}: expected MANUAL, UPGRADE or SCHEDULE"))?;
    let age = Age::parse(older_than).map_err(|e| format!("--older-than: {e}"))?;
    Ok((savepoints::delete_request(owner, source, age)?, source, age))
}

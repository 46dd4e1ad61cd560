//! FKO-JOB-008 — program arguments written as one list element.
//!
//! What it checks: a `job.args` element that holds several command-line flags separated
//! by blanks (`"--input a --output b"`), in FlinkDeployments, blue/green templates, CMF /
//! CFK applications and session jobs.
//! Why: the operator passes `job.args` to the program as its argument list, element by
//! element, without a shell to split them. The program receives one argument
//! `--input a --output b` instead of four, so it usually misses every flag but the first.
//! An element that merely contains blanks (a SQL statement, a sentence) is left alone.
//! How to fix: write one list element per word: `args: ["--input", "a", "--output", "b"]`.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::{Kind, Resource};
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct JobArgsJoined;

impl Rule for JobArgsJoined {
    fn id(&self) -> &'static str {
        "FKO-JOB-008"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "job.args element holding several flags (the program receives them as one argument)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // One walk: a resource's cluster sites, and a session job's own arguments.
        for r in cx.subjects() {
            for s in cx.sites_of(r).into_iter().filter(|s| !s.is_fragment()) {
                if let Some(args) = s.get(&["job", "args"]) {
                    report(out, s.owner, &s.field(&["job", "args"]), args);
                }
            }
            if r.kind == Kind::FlinkSessionJob
                && let Some(args) = r.spec_get(&["job", "args"])
            {
                report(out, r, &r.spec_field(&["job", "args"]), args);
            }
        }
    }
}

fn report(out: &mut Sink<'_>, owner: &Resource, at: &str, args: &Value) {
    let Some(list) = args.as_array() else { return };
    for (i, arg) in list.iter().enumerate() {
        let Some(text) = arg.as_str().filter(|t| joined_flags(t)) else { continue };
        let words: Vec<&str> = text.split_whitespace().collect();
        let shown: String = words.join(" ").chars().take(60).collect();
        let shown = if shown.len() < words.join(" ").len() { format!("{shown}…") } else { shown };
        let words = words.len();
        out.report(
            owner,
            &pointer::push(at, &i.to_string()),
            format!("job.args[{i}] holds {words} words in one argument: the program receives '{shown}' as a single argument"),
        )
        .hint("write one list element per word, e.g. [\"--input\", \"a\", \"--output\", \"b\"]");
    }
}

/// True when `text` starts with a flag and another flag follows after a blank.
fn joined_flags(text: &str) -> bool {
    let t = text.trim();
    let flag = |w: &str| {
        w.len() > 1 && w.starts_with('-') && !w[1..].starts_with(|c: char| c.is_ascii_digit())
    };
    let mut words = t.split_whitespace();
    words.next().is_some_and(flag) && words.any(flag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(args: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{job: {{jarURI: local:///a.jar, args: {args}}}}}\n"
        )
    }

    #[test]
    fn fires_on_flags_joined_in_one_element() {
        let f = check(&JobArgsJoined, &fd(r#"["--maxLoadPerTask 1;2 --repeatsAfterMinutes 60"]"#));
        assert_eq!(pointers(&f), [("/spec/job/args/0".into(), Severity::Warning)]);
        let sj = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: j}\nspec: {deploymentName: s, job: {args: ['-p 2 -c Main']}}\n";
        assert_eq!(
            pointers(&check(&JobArgsJoined, sj)),
            [("/spec/job/args/0".into(), Severity::Warning)]
        );
    }

    #[test]
    fn leaves_split_lists_sql_and_negative_numbers_alone() {
        assert!(check(&JobArgsJoined, &fd(r#"["--input", "a b", "--output", "b"]"#)).is_empty());
        assert!(
            check(
                &JobArgsJoined,
                &fd(r#"["CREATE TABLE t (a INT) WITH ('connector' = 'x'); --comment"]"#)
            )
            .is_empty()
        );
        assert!(check(&JobArgsJoined, &fd(r#"["--offset -5"]"#)).is_empty());
    }
}

//! Safe sequences as commands a user can copy: `kubectl` for the Flink Kubernetes
//! Operator's resources, `confluent flink …` (Confluent CLI ≥ 4.48, logged out of
//! Confluent Cloud) for CMF, in the style of the export script (`cmf::script`):
//! here-documents for payloads, one comment line per step.

use serde::Serialize;

use crate::core::cmf::script::quote;

/// One step of a safe sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What the step does and why.
    pub title: String,
    /// Shell lines to run (POSIX sh).
    pub commands: Vec<String>,
}

impl Step {
    fn new(title: impl Into<String>, commands: Vec<String>) -> Self {
        Self { title: title.into(), commands }
    }
}

/// A Kubernetes resource the steps act on.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// `FlinkDeployment` or `FlinkSessionJob`.
    pub kind: &'a str,
    /// Namespace (`None`: kubectl's current namespace).
    pub namespace: Option<&'a str>,
    /// Name.
    pub name: &'a str,
}

impl Target<'_> {
    fn ns(&self) -> String {
        self.namespace.map(|n| format!(" -n {}", quote(n))).unwrap_or_default()
    }

    fn resource(&self) -> String {
        format!("{}/{}", self.kind.to_ascii_lowercase(), self.name)
    }
}

/// The name the steps give the savepoint they take of `job`.
pub fn snapshot_name(job: &str) -> String {
    let base: String = job.chars().take(40).collect();
    format!("{base}-before-change")
}

/// Takes a savepoint with a FlinkStateSnapshot that survives its own deletion, waits for
/// it and keeps its path in `$SAVEPOINT`.
pub fn fko_savepoint(t: Target<'_>, dir: Option<&str>) -> Step {
    let snap = snapshot_name(t.name);
    let ns = t.ns();
    let ns_line = t.namespace.map(|n| format!("  namespace: {n}\n")).unwrap_or_default();
    let path = dir.map(|d| format!("\n    path: {d}")).unwrap_or_default();
    let manifest = format!(
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata:\n  name: {snap}\n{ns_line}\
         spec:\n  backoffLimit: 1\n  jobReference:\n    kind: {}\n    name: {}\n  savepoint:\n    \
         disposeOnDelete: false{path}",
        t.kind, t.name
    );
    Step::new(
        format!("Take a savepoint of {} {} and keep its path", t.kind, t.name),
        std::iter::once(format!("kubectl{ns} apply -f - <<'FSTUDIO_EOF'"))
            .chain(manifest.lines().map(str::to_string))
            .chain([
            "FSTUDIO_EOF".into(),
            format!(
                "kubectl{ns} wait flinkstatesnapshot/{snap} --for=jsonpath='{{.status.state}}'=COMPLETED --timeout=15m"
            ),
            format!(
                "SAVEPOINT=\"$(kubectl{ns} get flinkstatesnapshot/{snap} -o jsonpath='{{.status.path}}')\""
            ),
            "echo \"savepoint: $SAVEPOINT\"".into(),
        ])
        .collect(),
    )
}

/// Suspends a job (`job.state: suspended`) and waits until the operator reports it.
pub fn fko_suspend(t: Target<'_>) -> Step {
    let ns = t.ns();
    Step::new(
        format!("Suspend {} {}", t.kind, t.name),
        vec![
            format!(
                "kubectl{ns} patch {} --type merge -p '{{\"spec\":{{\"job\":{{\"state\":\"suspended\"}}}}}}'",
                t.resource()
            ),
            format!(
                "kubectl{ns} wait {} --for=jsonpath='{{.status.lifecycleState}}'=SUSPENDED --timeout=15m",
                t.resource()
            ),
        ],
    )
}

/// Resumes a suspended job.
pub fn fko_resume(t: Target<'_>) -> Step {
    let ns = t.ns();
    Step::new(
        format!("Resume {} {}", t.kind, t.name),
        vec![format!(
            "kubectl{ns} patch {} --type merge -p '{{\"spec\":{{\"job\":{{\"state\":\"running\"}}}}}}'",
            t.resource()
        )],
    )
}

/// Applies the new manifest of a resource (`file`: where the design keeps it).
pub fn kubectl_apply(t: Target<'_>, file: Option<&str>, what: &str) -> Step {
    let file = file.map(quote).unwrap_or_else(|| format!("{}.yaml", t.name));
    Step::new(
        format!("Apply {} {}: {what}", t.kind, t.name),
        vec![format!("kubectl{} apply -f {file}", t.ns())],
    )
}

/// Waits until a deployment's job runs again.
pub fn fko_wait_running(t: Target<'_>) -> Step {
    Step::new(
        format!("Wait until {} {} runs", t.kind, t.name),
        vec![format!(
            "kubectl{} wait {} --for=jsonpath='{{.status.jobStatus.state}}'=RUNNING --timeout=15m",
            t.ns(),
            t.resource()
        )],
    )
}

/// Deletes a resource.
pub fn kubectl_delete(t: Target<'_>) -> Step {
    Step::new(
        format!("Delete {} {}", t.kind, t.name),
        vec![format!("kubectl{} delete {} --wait", t.ns(), t.resource())],
    )
}

/// A manual edit the user makes to the new manifest before applying it.
pub fn edit(what: impl Into<String>) -> Step {
    Step::new(what, Vec::new())
}

/// A CMF object the steps act on.
#[derive(Debug, Clone, Copy)]
pub struct CmfTarget<'a> {
    /// `application` or `statement`.
    pub noun: &'a str,
    /// Environment.
    pub environment: &'a str,
    /// Name.
    pub name: &'a str,
}

impl CmfTarget<'_> {
    fn env(&self) -> String {
        format!(" --environment {}", quote(self.environment))
    }
}

/// Takes a CMF savepoint of an application or statement and keeps its path.
pub fn cmf_savepoint(t: CmfTarget<'_>) -> Step {
    let snap = snapshot_name(t.name);
    let env = t.env();
    Step::new(
        format!("Take a CMF savepoint of {} {}", t.noun, t.name),
        vec![
            format!("confluent flink savepoint create {snap}{env} --{} {}", t.noun, quote(t.name)),
            format!(
                "confluent flink savepoint describe {snap}{env} --{} {} -o json   # wait for state COMPLETED; note status.path",
                t.noun,
                quote(t.name)
            ),
        ],
    )
}

/// Stops or resumes a statement.
pub fn cmf_statement(t: CmfTarget<'_>, verb: &str) -> Step {
    Step::new(
        format!("{} statement {}", capitalised(verb), t.name),
        vec![format!("confluent flink statement {verb} {}{}", quote(t.name), t.env())],
    )
}

/// Updates an application from its payload file.
pub fn cmf_application_update(t: CmfTarget<'_>, file: Option<&str>) -> Step {
    let file = file.map(quote).unwrap_or_else(|| format!("{}.json", t.name));
    Step::new(
        format!("Update application {}", t.name),
        vec![format!("confluent flink application update {file}{}", t.env())],
    )
}

/// A CMF REST call the Confluent CLI has no command for.
pub fn cmf_rest(
    title: impl Into<String>,
    method: &str,
    path: &str,
    body_file: Option<&str>,
) -> Step {
    let data = body_file
        .map(|f| format!(" -H 'Content-Type: application/json' --data @{}", quote(f)))
        .unwrap_or_default();
    Step::new(
        title,
        vec![format!("curl -fsS -X {method} \"$CONFLUENT_CMF_URL/cmf/api/v1{path}\"{data}")],
    )
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The steps as shell lines: each title as a comment (`EDIT:` for a change to make by
/// hand), then its commands.
pub fn script(steps: &[Step]) -> String {
    let mut out = String::new();
    for (i, s) in steps.iter().enumerate() {
        let edit = if s.commands.is_empty() { "EDIT: " } else { "" };
        out.push_str(&format!("# {}. {edit}{}\n", i + 1, s.title));
        for c in &s.commands {
            out.push_str(c);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_savepoint_step_is_a_runnable_here_document() {
        let t = Target { kind: "FlinkDeployment", namespace: Some("flink"), name: "orders" };
        let s = fko_savepoint(t, Some("s3://b/sp"));
        let text = script(&[s]);
        assert!(text.starts_with("# 1. Take a savepoint of FlinkDeployment orders"));
        assert!(text.contains(
            "kubectl -n 'flink' apply -f - <<'FSTUDIO_EOF'\napiVersion: flink.apache.org/v1beta1"
        ));
        assert!(text.contains("name: orders-before-change\n  namespace: flink\n"));
        assert!(text.contains("disposeOnDelete: false\n    path: s3://b/sp\nFSTUDIO_EOF\n"));
        assert!(text.contains(
            "SAVEPOINT=\"$(kubectl -n 'flink' get flinkstatesnapshot/orders-before-change"
        ));
        let s = fko_suspend(t);
        assert_eq!(
            s.commands[0],
            "kubectl -n 'flink' patch flinkdeployment/orders --type merge -p '{\"spec\":{\"job\":{\"state\":\"suspended\"}}}'"
        );
    }

    #[test]
    fn cmf_steps_name_the_environment() {
        let t = CmfTarget { noun: "statement", environment: "prod", name: "orders" };
        assert_eq!(
            cmf_statement(t, "stop").commands[0],
            "confluent flink statement stop 'orders' --environment 'prod'"
        );
        assert!(cmf_savepoint(t).commands[0].contains("--statement 'orders'"));
    }
}

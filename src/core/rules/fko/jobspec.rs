//! Where the job-spec checks of the operator's `validateJobSpec` look (domain.md rules
//! 22–26, 28): the jobs of cluster sites and of session jobs, the fields and settings the
//! checks read, and how a problem is reported. Each check (its condition, message and
//! hint) lives in its rule file (FKO-JOB-00x); FKO-SJ-005 runs them all on session jobs.

use crate::core::cluster::{ClusterSite, Located, SiteConf};
use crate::core::model::Resource;
use crate::core::rules::{Context, Seen, Sink, supplied_outside};

/// The checkpoint directory (canonical key; every spelling counts).
pub const CHECKPOINT_DIR: &str = "execution.checkpointing.dir";
/// The savepoint directory (canonical key; every spelling counts).
pub const SAVEPOINT_DIR: &str = "execution.checkpointing.savepoint-dir";

/// One job the checks read: the job of a cluster site, or of a session job.
pub struct Job<'c> {
    site: Option<ClusterSite<'c>>,
    owner: &'c Resource,
    /// The configuration the job runs with (as users wrote it).
    pub conf: SiteConf<'c>,
    /// Where the job spec is: reported when a field is absent.
    pub home: (&'c Resource, String),
    /// True when TaskManager replicas are set (the parallelism then follows them).
    pub tm_replicas: bool,
}

impl<'c> Job<'c> {
    /// A field of the job's spec as the generated deployment gets it.
    pub fn locate(&self, tokens: &[&str]) -> Option<Located<'c>> {
        match &self.site {
            Some(s) => s.locate(tokens),
            None => self.owner.spec_get(tokens).filter(|v| !v.is_null()).map(|value| Located {
                value,
                resource: self.owner,
                pointer: self.owner.spec_field(tokens),
                unverified: false,
            }),
        }
    }

    /// True when a non-blank value is set for `key` (any spelling).
    pub fn has(&self, key: &str) -> bool {
        self.conf.has(key)
    }

    /// A problem with a value the job lacks (see [`Problem::outside`]).
    pub fn lacking(
        &self,
        (resource, pointer): (&'c Resource, String),
        message: String,
        hint: &str,
    ) -> Problem<'c> {
        let outside = self.site.as_ref().and_then(ClusterSite::supplied_outside);
        Problem { resource, pointer, message, hint: hint.to_string(), outside }
    }
}

/// A failed check, placed where the user should fix it.
pub struct Problem<'c> {
    /// The resource to report on.
    pub resource: &'c Resource,
    /// Pointer of the offending field.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Where the missing value must come from when a layer outside the design may
    /// supply it (an application's environment that is not in the input): the finding
    /// is then a warning that says so.
    pub outside: Option<String>,
}

/// The jobs of every complete, job-bearing cluster site that runs one (session clusters
/// have no job), walked as subjects.
pub fn site_jobs<'c>(cx: &'c Context<'_>) -> impl Iterator<Item = Job<'c>> + 'c {
    cx.sites().filter(|s| s.complete() && s.job_bearing() && s.merged(&["job"]).is_some()).map(
        move |s| Job {
            conf: cx.site_conf(&s),
            home: (s.owner, s.field(&["job"])),
            tm_replicas: s.merged(&["taskManager", "replicas"]).is_some(),
            owner: s.owner,
            site: Some(s),
        },
    )
}

/// The job of a FlinkSessionJob, with the configuration the operator's validator builds
/// (operator defaults, the session cluster's map, the job's own).
pub fn session_job<'c>(cx: &'c Context<'_>, r: &'c Resource) -> Job<'c> {
    Job {
        site: None,
        owner: r,
        conf: cx.resource_conf(r),
        home: (r, r.spec_field(&["job"])),
        tm_replicas: false,
    }
}

/// Reports a problem (see [`Problem::outside`]).
pub fn report(cx: &Context<'_>, out: &mut Sink<'_>, p: &Problem<'_>) {
    let f = out.report(p.resource, &p.pointer, p.message.clone());
    f.hint(p.hint.clone());
    supplied_outside(cx, f, p.outside.clone());
}

/// Runs one check on every site job, reporting each place once (a value several
/// applications inherit is reported once).
pub fn report_sites<'c>(
    cx: &'c Context<'_>,
    out: &mut Sink<'_>,
    check: impl Fn(&Job<'c>) -> Option<Problem<'c>>,
) {
    let mut seen = Seen::default();
    for job in site_jobs(cx) {
        if let Some(p) = check(&job).filter(|p| seen.first(p.resource, &p.pointer)) {
            report(cx, out, &p);
        }
    }
}

/// True when a duration text is zero (`0`, `0s`, `0 ms`).
pub fn is_zero_duration(v: &str) -> bool {
    let digits: String = v.trim().chars().take_while(|c| c.is_ascii_digit()).collect();
    !digits.is_empty() && digits.chars().all(|c| c == '0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_durations() {
        assert!(is_zero_duration("0"));
        assert!(is_zero_duration("0 s"));
        assert!(!is_zero_duration("10m"));
        assert!(!is_zero_duration("1h"));
    }
}

//! Shared logic of the autoscaler rules (FKO-AS-xxx): which configurations enable the
//! autoscaler, numeric and duration parsing, and range checks.

use crate::core::cluster::{Setting, SiteConf};
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Seen, Sink};

/// The configurations (of deployments, CMF applications and session jobs) that enable the
/// autoscaler (`job.autoscaler.enabled: true`, legacy prefix accepted), walked as subjects
/// (`Context::subjects`): one resource's configurations at a time.
pub fn enabled<'c>(cx: &'c Context<'c>) -> impl Iterator<Item = SiteConf<'c>> + 'c {
    cx.subjects().flat_map(move |r| {
        // Ten rules ask; most resources do not enable the autoscaler.
        if !*cx.memo_untracked("autoscaler-enabled", r, || !enabled_of(cx, r).is_empty()) {
            return Vec::new();
        }
        enabled_of(cx, r)
    })
}

/// The configurations of `r` that enable the autoscaler.
fn enabled_of<'c>(cx: &'c Context<'c>, r: &'c Resource) -> Vec<SiteConf<'c>> {
    let sites = cx.sites_of(r).into_iter().filter(|s| s.complete() && s.job_bearing());
    let mut confs: Vec<SiteConf<'c>> = sites.map(|s| cx.site_conf(&s)).collect();
    if r.kind == Kind::FlinkSessionJob {
        confs.push(cx.resource_conf(r));
    }
    confs.retain(|c| {
        c.written_value("job.autoscaler.enabled")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    });
    confs
}

/// A numeric autoscaler option that is set: its number (None when not a number) and hit.
pub fn number<'c>(conf: &SiteConf<'c>, key: &str) -> Option<(Option<f64>, Setting<'c>)> {
    conf.written(key).map(|h| (h.value.trim().parse::<f64>().ok().filter(|n| n.is_finite()), h))
}

/// One range check: option keys, bounds (`None` = unbounded) and the feature flag that
/// must be on for the check to apply.
pub type Range<'k> = (&'k [&'k str], Option<f64>, Option<f64>, Option<&'k str>);

/// Reports, once per place, a set numeric option outside `[lo, hi]` (`None` = unbounded).
/// Non-numeric values are left to FKO-AS-009.
pub fn check_range(
    cx: &Context<'_>,
    out: &mut Sink<'_>,
    keys: &[&str],
    lo: Option<f64>,
    hi: Option<f64>,
    when: Option<&str>,
) {
    check_ranges(cx, out, &[(keys, lo, hi, when)]);
}

/// Several [`check_range`]s in one walk over the configurations (each check reports a
/// place once).
pub fn check_ranges(cx: &Context<'_>, out: &mut Sink<'_>, ranges: &[Range<'_>]) {
    let mut seen: Vec<Seen> = ranges.iter().map(|_| Seen::default()).collect();
    for conf in enabled(cx) {
        for ((keys, lo, hi, when), seen) in ranges.iter().zip(seen.iter_mut()) {
            if when.is_some_and(|flag| {
                !conf.written_value(flag).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            }) {
                continue;
            }
            for key in keys.iter() {
                let Some((Some(n), hit)) = number(&conf, key) else { continue };
                if lo.is_some_and(|l| n < l) || hi.is_some_and(|h| n > h) {
                    report(out, seen, &hit, range_message(&hit, *lo, *hi));
                }
            }
        }
    }
}

fn range_message(hit: &Setting<'_>, lo: Option<f64>, hi: Option<f64>) -> String {
    let range = match (lo, hi) {
        (Some(l), Some(h)) => format!("within [{l}, {h}]"),
        (Some(l), None) => format!("at least {l}"),
        (None, Some(h)) => format!("at most {h}"),
        (None, None) => "valid".into(),
    };
    format!("{} = {} must be {range}", hit.key, hit.value)
}

/// Reports a problem at a configuration hit, once per place.
pub fn report(out: &mut Sink<'_>, seen: &mut Seen, hit: &Setting<'_>, message: String) {
    if let Some(r) = hit.resource
        && seen.first(r, &hit.pointer)
    {
        out.report(r, &hit.pointer, message)
            .hint("fix the autoscaler option (see the FKO autoscaler configuration reference)");
    }
}

/// Parses a Flink duration (`15 min`, `60s`, `500 ms`, `1h`; no unit = milliseconds) into seconds.
pub fn duration_secs(text: &str) -> Option<f64> {
    let t = text.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let n: f64 = t[..split].parse().ok()?;
    let factor = match t[split..].trim().to_ascii_lowercase().as_str() {
        "" | "ms" | "milli" | "millis" | "millisecond" | "milliseconds" => 1e-3,
        "ns" | "nano" | "nanos" | "nanosecond" | "nanoseconds" => 1e-9,
        "us" | "µs" | "micro" | "micros" | "microsecond" | "microseconds" => 1e-6,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86400.0,
        _ => return None,
    };
    Some(n * factor)
}

/// Test support for the autoscaler rules.
#[cfg(test)]
pub mod fixture {
    /// A FlinkDeployment with the autoscaler enabled and `conf` (configuration lines,
    /// indented by four spaces) added to its `flinkConfiguration`.
    pub fn fd(conf: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  flinkConfiguration:\n    job.autoscaler.enabled: 'true'\n{conf}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_secs("15 min"), Some(900.0));
        assert_eq!(duration_secs("60s"), Some(60.0));
        assert_eq!(duration_secs("500"), Some(0.5));
        assert_eq!(duration_secs("soon"), None);
    }
}

//! CMF periodic savepoint schedules (CMF ≥ 2.4): where a design may carry a
//! `savepointSchedule` and the facts the rules and forms need about one — its cron
//! expression ([`cron`]), time zone shape, blackout windows, the ISO-8601 durations of its
//! retention, the interval between its triggers and the next runs.
//!
//! Sources: the CMF 2.4 OpenAPI (`SavepointScheduleConfig`, `BlackoutWindow`,
//! `SavepointRetention`; `StatementSpec.savepointSchedule`,
//! `StatementDefaults.savepointSchedule`, the application spec's top-level
//! `savepointSchedule` and the environment's `flinkApplicationDefaults.spec.savepointSchedule`)
//! and Confluent's "Savepoint Management in Confluent Manager for Apache Flink" page
//! (periodic savepoints, retention, blackout windows, environment-wide defaults: 2.4.0).

pub mod cron;
pub mod effective;

use serde_json::Value;

use self::cron::Cron;
use super::model::{Kind, Resource};

/// Shortest interval between two triggers CMF accepts (`cronExpression`: "Minimum
/// interval between triggers is 5 minutes").
pub const MIN_INTERVAL_SECS: i64 = 300;
/// Default blackout length (`BlackoutWindow.durationMinutes` default).
pub const DEFAULT_BLACKOUT_MINUTES: i64 = 60;
/// The `formatType` values.
pub const FORMAT_TYPES: &[&str] = &["CANONICAL", "NATIVE", "UNKNOWN"];
/// The retention rules (`SavepointRetention` fields).
pub const RETENTION_KEYS: &[&str] = &[
    "keepLast",
    "keepWithin",
    "keepHourly",
    "keepDaily",
    "keepWeekly",
    "keepMonthly",
    "keepYearly",
];

/// The environment's default schedule of its detached statements (spec tokens).
pub const DETACHED_DEFAULTS: &[&str] = &["statementDefaults", "detached", "savepointSchedule"];
/// The environment's default schedule of its interactive statements (spec tokens).
pub const INTERACTIVE_DEFAULTS: &[&str] =
    &["statementDefaults", "interactive", "savepointSchedule"];
/// The environment's default schedule of its applications (spec tokens).
pub const APPLICATION_DEFAULTS: &[&str] =
    &["flinkApplicationDefaults", "spec", "savepointSchedule"];

/// Where a resource carries a savepoint schedule: the spec tokens of each place (which
/// jobs inherit which environment block: [`effective::inherited_from`]).
pub fn places(r: &Resource) -> Vec<Vec<&'static str>> {
    match r.kind {
        Kind::Statement | Kind::Application => vec![vec!["savepointSchedule"]],
        Kind::Environment => [DETACHED_DEFAULTS, INTERACTIVE_DEFAULTS, APPLICATION_DEFAULTS]
            .iter()
            .map(|t| t.to_vec())
            .collect(),
        _ => Vec::new(),
    }
}

/// Every schedule a resource carries: its spec tokens and the object.
pub fn schedules_of(r: &Resource) -> Vec<(Vec<&'static str>, &Value)> {
    places(r).into_iter().filter_map(|tokens| r.spec_get(&tokens).map(|v| (tokens, v))).collect()
}

/// A typed view of one `savepointSchedule` object (absent or mistyped fields are `None`).
#[derive(Debug, Clone, Copy)]
pub struct Schedule<'a>(pub &'a Value);

impl<'a> Schedule<'a> {
    fn str(&self, key: &str) -> Option<&'a str> {
        self.0.get(key).and_then(Value::as_str)
    }
    /// `cronExpression`.
    pub fn cron(&self) -> Option<&'a str> {
        self.str("cronExpression")
    }
    /// `timezone` (UTC when absent).
    pub fn timezone(&self) -> Option<&'a str> {
        self.str("timezone")
    }
    /// `paused`.
    pub fn paused(&self) -> bool {
        self.0.get("paused").and_then(Value::as_bool).unwrap_or(false)
    }
    /// `freshnessThresholdHours` (0 or absent: no check).
    pub fn freshness_hours(&self) -> Option<i64> {
        self.0.get("freshnessThresholdHours").and_then(Value::as_i64).filter(|h| *h > 0)
    }
    /// `blackoutWindows`, each as (index, cron text, duration minutes, time zone).
    pub fn blackouts(&self) -> Vec<Blackout<'a>> {
        let items = self.0.get("blackoutWindows").and_then(Value::as_array);
        items
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(index, w)| Blackout {
                index,
                cron: w.get("cronExpression").and_then(Value::as_str),
                minutes: w
                    .get("durationMinutes")
                    .and_then(Value::as_i64)
                    .unwrap_or(DEFAULT_BLACKOUT_MINUTES),
                timezone: w.get("timezone").and_then(Value::as_str),
            })
            .collect()
    }
    /// `retention`.
    pub fn retention(&self) -> Option<&'a Value> {
        self.0.get("retention")
    }
}

/// One blackout window.
#[derive(Debug, Clone, Copy)]
pub struct Blackout<'a> {
    /// Index in `blackoutWindows`.
    pub index: usize,
    /// `cronExpression` (the starts of the window).
    pub cron: Option<&'a str>,
    /// `durationMinutes` (default 60).
    pub minutes: i64,
    /// `timezone` (the schedule's when absent).
    pub timezone: Option<&'a str>,
}

/// Start of the span the checks simulate: 2027-01-04 00:00 (a Monday), local time.
pub const SIMULATION_START: i64 = 1_799_020_800;
/// Length of the simulated span: one year and a day, so yearly schedules fire once.
pub const SIMULATION_SECS: i64 = 366 * 86_400;
const MAX_FIRES: usize = 4_000;

/// The shortest gap between two consecutive triggers over the simulated span, when the
/// expression fires at least twice and is [`Cron::exact`].
pub fn shortest_interval(c: &Cron) -> Option<i64> {
    if !c.exact {
        return None;
    }
    let fires = c.fires(SIMULATION_START, SIMULATION_START + SIMULATION_SECS, MAX_FIRES);
    fires.windows(2).map(|w| w[1] - w[0]).min()
}

/// True when the expression never fires in the simulated span (e.g. `0 0 0 30 2 *`).
pub fn never_fires(c: &Cron) -> bool {
    c.exact && !c.fires_in(SIMULATION_START, SIMULATION_START + SIMULATION_SECS)
}

/// True when every trigger of `schedule` in the simulated span falls inside one of the
/// `blackouts` (all exact and in the schedule's time zone), so no periodic savepoint is
/// ever taken. `None` when that cannot be decided.
pub fn blacked_out_entirely(schedule: &Cron, blackouts: &[(Cron, i64)]) -> Option<bool> {
    if !schedule.exact || blackouts.is_empty() || blackouts.iter().any(|(c, _)| !c.exact) {
        return None;
    }
    let fires = schedule.fires(SIMULATION_START, SIMULATION_START + SIMULATION_SECS, MAX_FIRES);
    if fires.is_empty() {
        return None;
    }
    let covered =
        |t: i64| blackouts.iter().any(|(c, minutes)| c.fires_in(t - minutes * 60 + 1, t + 1));
    Some(fires.into_iter().all(covered))
}

/// The next `n` triggers from local time `from` (for the forms' preview).
pub fn next_runs(c: &Cron, from: i64, n: usize) -> Vec<i64> {
    c.fires(from, from + 5 * 366 * 86_400, n)
}

/// Area prefixes of IANA region ids (`Europe/Berlin`) and the single-word ids Java's
/// `ZoneId.of` takes besides offsets.
const AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
    "US",
    "Canada",
    "Brazil",
    "Mexico",
    "Chile",
];
const SINGLE: &[&str] = &[
    "UTC",
    "GMT",
    "UT",
    "Z",
    "CET",
    "EET",
    "WET",
    "MET",
    "EST",
    "MST",
    "HST",
    "EST5EDT",
    "CST6CDT",
    "MST7MDT",
    "PST8PDT",
    "Japan",
    "Singapore",
    "Turkey",
    "Israel",
    "Iceland",
    "Egypt",
    "Eire",
    "Hongkong",
    "Poland",
    "Portugal",
    "PRC",
    "ROC",
    "ROK",
    "Cuba",
    "Iran",
    "Jamaica",
    "Libya",
    "Navajo",
    "Zulu",
    "Universal",
    "Greenwich",
    "GB",
    "NZ",
    "UCT",
];

/// Why `tz` does not look like a time zone id CMF (Java's `ZoneId`) accepts, if it does
/// not: an IANA `Area/Location` id, `UTC`-like names and offsets (`+02:00`, `UTC+2`).
pub fn timezone_problem(tz: &str) -> Option<String> {
    let offset = |s: &str| {
        let s = s.strip_prefix(['+', '-']);
        s.is_some_and(|s| {
            !s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_digit() || c == ':')
        })
    };
    if SINGLE.contains(&tz) || offset(tz) {
        return None;
    }
    for prefix in ["UTC", "GMT", "UT"] {
        if let Some(rest) = tz.strip_prefix(prefix)
            && offset(rest)
        {
            return None;
        }
    }
    if let Some((area, place)) = tz.split_once('/')
        && AREAS.contains(&area)
        && !place.is_empty()
        && !place.contains(char::is_whitespace)
    {
        return None;
    }
    let guess = AREAS
        .iter()
        .filter(|a| !["Etc", "US", "Canada", "Brazil", "Mexico", "Chile"].contains(a))
        .map(|a| format!("{a}/{tz}"))
        .next()
        .filter(|_| tz.chars().next().is_some_and(char::is_uppercase) && !tz.contains('/'));
    Some(match guess {
        Some(_) => format!(
            "'{tz}' is not an IANA time zone id; they read Area/Location, e.g. 'Europe/{tz}' or 'America/{tz}'"
        ),
        None => format!(
            "'{tz}' is not an IANA time zone id (Area/Location, e.g. 'Europe/Berlin') or an offset"
        ),
    })
}

/// Seconds of an ISO-8601 duration (`PT24H`, `P7D`, `P1W`, `P1DT12H`; months count 30
/// days and years 365, enough for sanity checks), or why it is not one.
pub fn iso_duration_secs(text: &str) -> Result<i64, String> {
    let bad = || format!("'{text}' is not an ISO-8601 duration such as 'PT24H' or 'P7D'");
    let body = text.strip_prefix(['P', 'p']).ok_or_else(bad)?;
    if body.is_empty() {
        return Err(bad());
    }
    let mut secs = 0i64;
    let mut in_time = false;
    let mut number = String::new();
    let mut any = false;
    for c in body.chars() {
        match c {
            'T' | 't' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' => number.push(c),
            _ => {
                let n: i64 = number.parse().map_err(|_| bad())?;
                number.clear();
                let unit = match (in_time, c.to_ascii_uppercase()) {
                    (false, 'Y') => 365 * 86_400,
                    (false, 'M') => 30 * 86_400,
                    (false, 'W') => 7 * 86_400,
                    (false, 'D') => 86_400,
                    (true, 'H') => 3_600,
                    (true, 'M') => 60,
                    (true, 'S') => 1,
                    _ => return Err(bad()),
                };
                secs += n * unit;
                any = true;
            }
        }
    }
    if !number.is_empty() || !any {
        return Err(bad());
    }
    Ok(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cron(text: &str) -> Cron {
        Cron::parse(text).unwrap()
    }

    #[test]
    fn intervals_and_never() {
        assert_eq!(shortest_interval(&cron("0 */1 * * * *")), Some(60));
        assert_eq!(shortest_interval(&cron("0 0 */6 * * *")), Some(6 * 3_600));
        assert!(never_fires(&cron("0 0 0 30 2 *")));
        assert!(!never_fires(&cron("@yearly")));
    }

    #[test]
    fn blackouts_covering_every_trigger() {
        let hourly = cron("0 0 * * * *");
        let all_day = (cron("0 30 23 * * *"), 25 * 60);
        assert_eq!(blacked_out_entirely(&hourly, &[all_day]), Some(true));
        let nights = (cron("0 0 1 * * *"), 120);
        assert_eq!(blacked_out_entirely(&hourly, &[nights]), Some(false));
        // A daily 02:00 schedule inside a 01:00–04:00 window every night.
        let daily = cron("0 0 2 * * *");
        assert_eq!(blacked_out_entirely(&daily, &[(cron("0 0 1 * * *"), 180)]), Some(true));
        assert_eq!(blacked_out_entirely(&daily, &[(cron("0 0 1 * * MON-FRI"), 180)]), Some(false));
    }

    #[test]
    fn time_zones() {
        for ok in [
            "UTC",
            "Europe/Berlin",
            "America/Argentina/Buenos_Aires",
            "+02:00",
            "UTC+2",
            "Etc/GMT-3",
        ] {
            assert_eq!(timezone_problem(ok), None, "{ok}");
        }
        assert!(timezone_problem("Berlin").unwrap().contains("'Europe/Berlin'"));
        assert!(timezone_problem("CEST").is_some());
        assert!(timezone_problem("Mars/Olympus").is_some());
    }

    #[test]
    fn iso_durations() {
        assert_eq!(iso_duration_secs("PT24H"), Ok(86_400));
        assert_eq!(iso_duration_secs("P7D"), Ok(7 * 86_400));
        assert_eq!(iso_duration_secs("P1DT30M"), Ok(86_400 + 1_800));
        for bad in ["", "P", "7d", "PT", "P1H", "PT1D", "P1.5D"] {
            assert!(iso_duration_secs(bad).is_err(), "{bad}");
        }
    }
}

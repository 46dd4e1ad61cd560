//! Six-field cron expressions as CMF's savepoint schedules take them (second, minute,
//! hour, day-of-month, month, day-of-week; the CMF 2.4 OpenAPI `SavepointScheduleConfig`
//! and `BlackoutWindow`), read the way Spring's `CronExpression` reads them: `*`, `?`,
//! numbers, ranges `a-b`, steps `*/n` `a/n` `a-b/n`, lists, month and weekday names
//! (`JAN`, `MON`; weekdays 0–7, both 0 and 7 Sunday), and the macros `@yearly`,
//! `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`. Day-of-month and
//! day-of-week must both match. `L`, `W` and `#` are accepted but not evaluated
//! ([`Cron::exact`] is false), so checks that need the firing times skip them.
//!
//! Times are local wall-clock seconds since 1970-01-01 00:00 in the schedule's own time
//! zone (no time-zone database: comparisons between two expressions of the same zone are
//! exact but for daylight-saving jumps).

/// A parsed expression: the allowed values of each field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    seconds: u64,
    minutes: u64,
    hours: u32,
    days: u32,
    months: u16,
    weekdays: u8,
    /// False when a field uses `L`, `W` or `#`: valid, but not simulated.
    pub exact: bool,
}

const MONTHS: [&str; 12] =
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

struct Field {
    what: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
    names_from: u32,
}

const FIELDS: [Field; 6] = [
    Field { what: "second", min: 0, max: 59, names: &[], names_from: 0 },
    Field { what: "minute", min: 0, max: 59, names: &[], names_from: 0 },
    Field { what: "hour", min: 0, max: 23, names: &[], names_from: 0 },
    Field { what: "day of month", min: 1, max: 31, names: &[], names_from: 0 },
    Field { what: "month", min: 1, max: 12, names: &MONTHS, names_from: 1 },
    Field { what: "day of week", min: 0, max: 7, names: &WEEKDAYS, names_from: 0 },
];

fn macro_expansion(text: &str) -> Option<&'static str> {
    Some(match text.to_ascii_lowercase().as_str() {
        "@yearly" | "@annually" => "0 0 0 1 1 *",
        "@monthly" => "0 0 0 1 * *",
        "@weekly" => "0 0 0 * * 0",
        "@daily" | "@midnight" => "0 0 0 * * *",
        "@hourly" => "0 0 * * * *",
        _ => return None,
    })
}

impl Field {
    fn value(&self, text: &str) -> Result<u32, String> {
        let upper = text.to_ascii_uppercase();
        if let Some(i) = self.names.iter().position(|n| *n == upper) {
            return Ok(i as u32 + self.names_from);
        }
        let n: u32 = text.parse().map_err(|_| format!("'{text}' is not a {}", self.what))?;
        if n < self.min || n > self.max {
            return Err(format!("{} {n} is out of range {}–{}", self.what, self.min, self.max));
        }
        Ok(n)
    }

    /// The bit set of the field's values, and whether it is exact.
    fn parse(&self, text: &str) -> Result<(u64, bool), String> {
        let mut bits = 0u64;
        let mut exact = true;
        for part in text.split(',') {
            if part.is_empty() {
                return Err(format!("empty list item in the {} field", self.what));
            }
            let special = self.what.starts_with("day")
                && (part.contains('L') || part.contains('W') || part.contains('#'));
            if special {
                exact = false;
                bits |= 1;
                continue;
            }
            let (range, step) = match part.split_once('/') {
                Some((r, s)) => {
                    let step: u32 =
                        s.parse().ok().filter(|s| *s >= 1).ok_or_else(|| {
                            format!("'{s}' is not a step in the {} field", self.what)
                        })?;
                    (r, Some(step))
                }
                None => (part, None),
            };
            let (from, to) = if range == "*" || range == "?" {
                (self.min, self.max)
            } else if let Some((a, b)) = range.split_once('-') {
                let (a, b) = (self.value(a)?, self.value(b)?);
                if a > b {
                    return Err(format!("range {range} of the {} field runs backwards", self.what));
                }
                (a, b)
            } else {
                let a = self.value(range)?;
                (a, if step.is_some() { self.max } else { a })
            };
            let step = step.unwrap_or(1) as usize;
            for v in (from..=to).step_by(step) {
                bits |= 1 << v;
            }
        }
        Ok((bits, exact))
    }
}

impl Cron {
    /// Parses an expression; the error names the field and what is wrong.
    pub fn parse(text: &str) -> Result<Cron, String> {
        let text = text.trim();
        let expanded = if text.starts_with('@') {
            macro_expansion(text).ok_or_else(|| format!("unknown macro '{text}'"))?
        } else {
            text
        };
        let parts: Vec<&str> = expanded.split_whitespace().collect();
        if parts.len() != 6 {
            return Err(format!(
                "{} fields; CMF takes six: second minute hour day-of-month month day-of-week{}",
                parts.len(),
                if parts.len() == 5 { " (add the seconds first, e.g. '0 …')" } else { "" }
            ));
        }
        let mut fields = [(0u64, true); 6];
        for (i, (f, p)) in FIELDS.iter().zip(&parts).enumerate() {
            fields[i] = f.parse(p)?;
        }
        let mut weekdays = fields[5].0 as u8;
        if weekdays & 0x80 != 0 {
            weekdays = (weekdays | 1) & 0x7f; // 7 is Sunday too
        }
        Ok(Cron {
            seconds: fields[0].0,
            minutes: fields[1].0,
            hours: fields[2].0 as u32,
            days: fields[3].0 as u32,
            months: fields[4].0 as u16,
            weekdays,
            exact: fields.iter().all(|f| f.1),
        })
    }

    fn day_matches(&self, day: i64) -> bool {
        let (_, m, d) = civil_from_days(day);
        let weekday = (day + 4).rem_euclid(7) as u32; // 1970-01-01 was a Thursday
        self.months & (1 << m) != 0
            && self.days & (1 << d) != 0
            && self.weekdays & (1 << weekday) != 0
    }

    /// Firing times in `[from, to)` (local seconds), at most `limit` of them.
    pub fn fires(&self, from: i64, to: i64, limit: usize) -> Vec<i64> {
        let mut out = Vec::new();
        let mut day = from.div_euclid(86_400);
        while day * 86_400 < to && out.len() < limit {
            if self.day_matches(day) {
                for h in (0..24).filter(|h| self.hours & (1 << h) != 0) {
                    for m in (0..60).filter(|m| self.minutes & (1 << m) != 0) {
                        for s in (0..60).filter(|s| self.seconds & (1 << s) != 0) {
                            let t = day * 86_400 + h * 3_600 + m * 60 + s;
                            if t >= from && t < to {
                                out.push(t);
                                if out.len() >= limit {
                                    return out;
                                }
                            }
                        }
                    }
                }
            }
            day += 1;
        }
        out
    }

    /// True when the expression fires at least once in `[from, to)`.
    pub fn fires_in(&self, from: i64, to: i64) -> bool {
        !self.fires(from, to, 1).is_empty()
    }
}

/// Days since 1970-01-01 of a civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month 1–12, day 1–31) of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DD HH:MM:SS` of local seconds.
pub fn format_local(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", s / 3_600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAN_1_2027: i64 = 1_798_761_600;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2027, 1, 1) * 86_400, JAN_1_2027);
        for day in [-1000, 0, 59, 10_000, 20_819] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(format_local(JAN_1_2027 + 3_723), "2027-01-01 01:02:03");
    }

    #[test]
    fn reads_fields_steps_names_and_macros() {
        let c = Cron::parse("0 */15 9-17 * * MON-FRI").unwrap();
        // 2027-01-01 is a Friday: 09:00 … 17:45 every 15 minutes = 36 fires.
        assert_eq!(c.fires(JAN_1_2027, JAN_1_2027 + 86_400, 100).len(), 36);
        let first = c.fires(JAN_1_2027, JAN_1_2027 + 86_400, 1)[0];
        assert_eq!(format_local(first), "2027-01-01 09:00:00");
        // Saturday: nothing.
        assert!(!c.fires_in(JAN_1_2027 + 86_400, JAN_1_2027 + 2 * 86_400));
        let daily = Cron::parse("@daily").unwrap();
        assert_eq!(daily.fires(JAN_1_2027, JAN_1_2027 + 7 * 86_400, 100).len(), 7);
        let sunday = Cron::parse("0 0 0 ? * 7").unwrap();
        assert_eq!(format_local(sunday.fires(JAN_1_2027, i64::MAX, 1)[0]), "2027-01-03 00:00:00");
        assert!(!Cron::parse("0 0 0 L * ?").unwrap().exact);
    }

    #[test]
    fn names_what_is_wrong() {
        assert!(Cron::parse("0 0 * * *").unwrap_err().contains("5 fields"));
        assert!(Cron::parse("0 61 * * * *").unwrap_err().contains("minute 61 is out of range"));
        assert!(Cron::parse("0 0 0 * FOO *").unwrap_err().contains("'FOO' is not a month"));
        assert!(Cron::parse("0 0 5-2 * * *").unwrap_err().contains("runs backwards"));
        assert!(Cron::parse("0 */0 * * * *").is_err());
        assert!(Cron::parse("@often").is_err());
    }
}

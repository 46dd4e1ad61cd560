//! Parsing option values the way Flink does (durations, booleans, numbers, enums; memory
//! sizes through `core::flink::quantity`), for value checks such as CFG-VAL-001.

use super::{OptionInfo, OptionType};
use crate::core::flink::quantity;

const DURATION_UNITS: &[(&[&str], u128)] = &[
    (&["d", "day", "days"], 86_400_000_000_000),
    (&["h", "hour", "hours"], 3_600_000_000_000),
    (&["min", "m", "minute", "minutes"], 60_000_000_000),
    (&["s", "sec", "secs", "second", "seconds"], 1_000_000_000),
    (&["ms", "milli", "millis", "millisecond", "milliseconds"], 1_000_000),
    (&["µs", "us", "micro", "micros", "microsecond", "microseconds"], 1_000),
    (&["ns", "nano", "nanos", "nanosecond", "nanoseconds"], 1),
];

fn split_number(text: &str) -> Option<(u128, String)> {
    let t = text.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let unit = t[digits.len()..].trim().to_lowercase();
    Some((digits.parse().ok()?, unit))
}

/// Parses a Flink duration (`10 s`, `5min`, `500`); a bare number means milliseconds.
/// Returns nanoseconds.
pub fn parse_duration(text: &str) -> Option<u128> {
    let (n, unit) = split_number(text)?;
    if unit.is_empty() {
        return n.checked_mul(1_000_000);
    }
    let (_, f) = DURATION_UNITS.iter().find(|(names, _)| names.contains(&unit.as_str()))?;
    n.checked_mul(*f)
}

/// True when `text` is a bare integer (a duration without unit means milliseconds).
pub fn is_bare_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// Checks `value` against the option's type. `Err` says what was expected.
pub fn check(info: &OptionInfo, value: &str) -> Result<(), String> {
    let v = value.trim();
    let ok = match info.ty {
        OptionType::String | OptionType::Map | OptionType::List => true,
        OptionType::Boolean => v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false"),
        OptionType::Integer => v.parse::<i32>().is_ok(),
        OptionType::Long => v.parse::<i64>().is_ok(),
        OptionType::Float | OptionType::Double => v.parse::<f64>().is_ok(),
        OptionType::Duration => parse_duration(v).is_some(),
        OptionType::MemorySize => quantity::flink_memory_size(v).is_some(),
        OptionType::Enum => {
            info.enum_values.is_empty()
                || info.enum_values.iter().any(|e| e.eq_ignore_ascii_case(v))
        }
    };
    if ok {
        return Ok(());
    }
    Err(match info.ty {
        OptionType::Boolean => "expected true or false".into(),
        OptionType::Integer | OptionType::Long => "expected an integer".into(),
        OptionType::Float | OptionType::Double => "expected a number".into(),
        OptionType::Duration => {
            "expected a duration: a number with a unit such as ms, s, min, h, d".into()
        }
        OptionType::MemorySize => {
            "expected a memory size: a number with a unit such as b, kb, mb, gb, tb".into()
        }
        _ => format!("expected one of {}", info.enum_values.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::super::catalog;
    use super::*;
    use crate::core::flink::version::FlinkVersion;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5000"), Some(5_000_000_000));
        assert_eq!(parse_duration("10 s"), Some(10_000_000_000));
        assert_eq!(parse_duration("3min"), Some(180_000_000_000));
        assert_eq!(parse_duration("1 week"), None);
        assert_eq!(parse_duration("1.5 s"), None);
    }

    #[test]
    fn checks_by_catalog_type() {
        let c = catalog();
        let v = FlinkVersion::LATEST;
        let opt = |k| c.lookup(k, v).unwrap();
        assert!(check(opt("execution.checkpointing.interval"), "10 s").is_ok());
        assert!(check(opt("execution.checkpointing.interval"), "ten").is_err());
        assert!(check(opt("taskmanager.numberOfTaskSlots"), "2").is_ok());
        assert!(check(opt("taskmanager.numberOfTaskSlots"), "two").is_err());
        assert!(check(opt("execution.checkpointing.mode"), "exactly_once").is_ok());
        let e = check(opt("execution.checkpointing.mode"), "EXACT").unwrap_err();
        assert!(e.contains("AT_LEAST_ONCE"), "{e}");
        assert!(check(opt("rest.profiling.enabled"), "yes").is_err());
    }
}

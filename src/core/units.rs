//! Sizes as the studio writes them to people, in one place, so that a limit and the size
//! it refuses are stated in the same unit.

/// `bytes` in decimal megabytes with one decimal: `5242880` → `"5.2 MB"`.
pub fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_of_decimal_megabytes() {
        assert_eq!(megabytes(5.0 * 1024.0 * 1024.0), "5.2 MB");
        assert_eq!(megabytes(1_250_000.0), "1.2 MB");
        assert_eq!(megabytes(0.0), "0.0 MB");
    }
}

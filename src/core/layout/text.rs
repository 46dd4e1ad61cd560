//! Text measured without a browser: the advance widths of the diagram's font stack, and
//! text fitted to a width (ellipsis) or wrapped over lines.
//!
//! The canvas and the exported diagram name `Helvetica, Arial, "Liberation Sans", "DejaVu
//! Sans", sans-serif` ([`FONT_FAMILY`]). Arial and Liberation Sans share Helvetica's metrics
//! and DejaVu Sans is what Debian's Chromium falls back to; each width of the table is the
//! larger of Helvetica's and DejaVu Sans's (`scripts/font_widths.py` prints it), so text
//! measured here fits whichever of those fonts renders it — in a browser, Inkscape or a
//! slide tool. Kerning only narrows text, so it is ignored.

/// The font stack every diagram text is drawn in.
pub const FONT_FAMILY: &str = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/// The ellipsis that ends cut text.
pub const ELLIPSIS: char = '…';

/// Font weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Normal text.
    Regular,
    /// Bold text (node names).
    Bold,
}

/// Advance widths of printable ASCII (space to `~`) in 1/1000 em, regular.
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 556, 1015, 684, 686, 722, 770, 667,
    611, 778, 752, 295, 500, 667, 557, 863, 748, 787, 667, 787, 722, 667, 611, 732, 684, 989, 685,
    667, 685, 390, 337, 390, 838, 556, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// Advance widths of printable ASCII (space to `~`) in 1/1000 em, bold.
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 556, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 556, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// Width of one character in 1/1000 em: the table for ASCII, a full em for wide (East
/// Asian, emoji) characters and the ellipsis, and a generous 800 for any other letter.
fn advance(c: char, weight: Weight) -> u32 {
    let table = match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    };
    match c as u32 {
        0x20..=0x7e => u32::from(table[c as usize - 0x20]),
        0x2026 => 1000,
        0x1100..=0x115f
        | 0x2e80..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x1f300..=0x1faff
        | 0x20000..=0x3fffd => 1000,
        0..=0x1f => 0,
        _ => 800,
    }
}

/// Width of `text` in pixels at font `size`.
pub fn width(text: &str, size: f64, weight: Weight) -> f64 {
    text.chars().map(|c| advance(c, weight)).sum::<u32>() as f64 * size / 1000.0
}

/// `text` as it fits in `max` pixels: whole, or cut with an ellipsis (just the ellipsis
/// when not even one character fits). The second value is true when it was cut.
pub fn fit(text: &str, size: f64, weight: Weight, max: f64) -> (String, bool) {
    if width(text, size, weight) <= max {
        return (text.to_string(), false);
    }
    let budget = max - width("…", size, weight);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = advance(c, weight) as f64 * size / 1000.0;
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end_matches([' ', '-', '.', '_', '/', ':']).len();
    out.truncate(if trimmed > 0 { trimmed } else { out.len() });
    out.push(ELLIPSIS);
    (out, true)
}

/// `text` over lines of the given widths: broken after a separator (`-`, `.`, `_`, `/`,
/// `:`, space) where one fits, else between any two characters; the last line cut with an
/// ellipsis when the text does not fit. Returns the lines and whether the text was cut.
pub fn wrap(text: &str, size: f64, weight: Weight, widths: &[f64]) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let mut rest: &str = text;
    for (i, &max) in widths.iter().enumerate() {
        if rest.is_empty() {
            break;
        }
        if i + 1 == widths.len() || width(rest, size, weight) <= max {
            let (line, cut) = fit(rest, size, weight, max);
            lines.push(line);
            return (lines, cut);
        }
        let end = break_point(rest, size, weight, max);
        lines.push(rest[..end].trim_end().to_string());
        rest = rest[end..].trim_start();
    }
    (lines, !rest.is_empty())
}

/// Byte index where a line of at most `max` pixels taken from the start of `text` ends:
/// after the last separator that fits, else after the last character that fits (at least
/// one character).
fn break_point(text: &str, size: f64, weight: Weight, max: f64) -> usize {
    let mut used = 0.0;
    let mut last_fit = 0;
    let mut last_separator = None;
    for (i, c) in text.char_indices() {
        used += advance(c, weight) as f64 * size / 1000.0;
        if used > max {
            break;
        }
        last_fit = i + c.len_utf8();
        if matches!(c, '-' | '.' | '_' | '/' | ':' | ' ') {
            last_separator = Some(last_fit);
        }
    }
    let first = text.chars().next().map_or(0, char::len_utf8);
    last_separator.unwrap_or(last_fit).max(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_table_and_scale_with_the_size() {
        assert_eq!(width("", 14.0, Weight::Bold), 0.0);
        assert!((width("i", 10.0, Weight::Regular) - 2.78).abs() < 1e-9);
        assert!(width("W", 10.0, Weight::Regular) > 3.0 * width("i", 10.0, Weight::Regular));
        assert!(width("flink", 14.0, Weight::Bold) > width("flink", 14.0, Weight::Regular));
        assert_eq!(width("ab", 20.0, Weight::Regular), 2.0 * width("ab", 10.0, Weight::Regular));
        assert_eq!(width("日本", 10.0, Weight::Regular), 20.0);
    }

    #[test]
    fn fitted_text_never_exceeds_its_width_and_says_when_it_was_cut() {
        let name = "flink-kubernetes-operator";
        assert_eq!(fit(name, 14.0, Weight::Bold, 1000.0), (name.to_string(), false));
        for max in [10.0, 40.0, 97.3, 150.0] {
            let (text, cut) = fit(name, 14.0, Weight::Bold, max);
            assert!(cut, "{max}");
            assert!(text.ends_with(ELLIPSIS), "{text}");
            assert!(width(&text, 14.0, Weight::Bold) <= max || text == "…", "{text} at {max}");
        }
        assert_eq!(fit(name, 14.0, Weight::Bold, 80.0).0, "flink-ku…");
    }

    #[test]
    fn long_names_wrap_at_separators_and_are_cut_only_when_out_of_lines() {
        let (lines, cut) = wrap("flink-kubernetes-operator", 13.0, Weight::Bold, &[140.0, 140.0]);
        assert_eq!(lines, ["flink-kubernetes-", "operator"]);
        assert!(!cut);
        let (lines, cut) = wrap("short", 13.0, Weight::Bold, &[140.0, 140.0]);
        assert_eq!((lines, cut), (vec!["short".to_string()], false));
        let long = "a-very-long-resource-name-that-will-not-fit-on-two-lines-at-all";
        let (lines, cut) = wrap(long, 13.0, Weight::Bold, &[140.0, 140.0]);
        assert!(cut && lines.len() == 2 && lines[1].ends_with(ELLIPSIS), "{lines:?}");
        for l in &lines {
            assert!(width(l, 13.0, Weight::Bold) <= 140.0, "{l}");
        }
        let (lines, _) = wrap("nobreakpossiblehereatallreally", 13.0, Weight::Bold, &[60.0, 60.0]);
        assert!(lines[0].len() > 1 && width(&lines[0], 13.0, Weight::Bold) <= 60.0, "{lines:?}");
    }
}

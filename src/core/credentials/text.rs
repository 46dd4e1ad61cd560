//! Secrets inside a text: command lines (`--password x`, `--password=x`, `SECRET=x`,
//! `mc alias set … KEY SECRET`), JAAS strings (`password="…"`), SQL options
//! (`'password' = '…'`) and connection strings (`scheme://user:pass@host`).
//!
//! A text is read as whitespace-separated words, each stripped of surrounding quotes; a
//! command line given as an array (`args: ["--db-password", "x"]`) is the words of all
//! its elements in order, so a flag and its value may sit in different elements.

use std::ops::Range;

use super::keys::is_credential_key;

/// A secret inside one string of a text: which string (index of the element in the
/// command line, 0 for a plain text), the byte range of the value, and what it is (never
/// the value itself: `--db-password …`, `password=…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSecret {
    /// Index of the string the secret is in.
    pub element: usize,
    /// Byte range of the secret value in that string.
    pub range: Range<usize>,
    /// What holds it, without the value.
    pub what: String,
}

/// A word of a command line: its text without surrounding quotes, where it is.
struct Word<'a> {
    text: &'a str,
    element: usize,
    start: usize,
}

fn words<'a>(elements: &[&'a str]) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    for (element, s) in elements.iter().enumerate() {
        let mut rest = *s;
        let mut offset = 0;
        while let Some(begin) = rest.find(|c: char| !c.is_whitespace()) {
            let tail = &rest[begin..];
            let len = tail.find(char::is_whitespace).unwrap_or(tail.len());
            let raw = &tail[..len];
            let trimmed = raw.trim_start_matches(['"', '\'']);
            let lead = raw.len() - trimmed.len();
            let trimmed = trimmed.trim_end_matches(['"', '\'']);
            out.push(Word { text: trimmed, element, start: offset + begin + lead });
            offset += begin + len;
            rest = &tail[len..];
        }
    }
    out
}

/// A literal word: not empty, not a `$VAR` / `$(VAR)` / `${VAR}` reference, not a flag.
fn literal(w: &str) -> bool {
    !w.is_empty() && !w.starts_with('$') && !w.starts_with('-')
}

/// The secret part of an assigned value (`'change-me';` → `change-me`), as a sub-range of
/// `value`, or `None` when it is empty or a placeholder.
fn inner(value: &str) -> Option<Range<usize>> {
    let t = value.trim_end_matches([';', ',', ')']);
    let start = t.len() - t.trim_start_matches(['"', '\'']).len();
    let t = t.trim_start_matches(['"', '\'']).trim_end_matches(['"', '\'']);
    (literal(t) && !t.contains("${") && !t.contains("$(")).then(|| start..start + t.len())
}

/// Whether a text can hold any secret [`secrets_in`] looks for: an assignment, a URL, a
/// flag or `mc` (most texts are names and images: no need to split them into words).
fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    // A word may start with a dash after a space or an opening quote.
    let flag =
        |i: usize| i == 0 || b[i - 1].is_ascii_whitespace() || matches!(b[i - 1], b'"' | b'\'');
    b.contains(&b'=')
        || text.contains("://")
        || text.contains("mc")
        || b.iter().enumerate().any(|(i, c)| *c == b'-' && flag(i))
}

/// Every secret in a command line given as its elements (or one text as one element).
pub fn secrets_in(elements: &[&str]) -> Vec<TextSecret> {
    if !elements.iter().any(|e| may_hold(e)) {
        return Vec::new();
    }
    let words = words(elements);
    let mut out = Vec::new();
    let hit = |w: &Word<'_>, range: Range<usize>, what: String| TextSecret {
        element: w.element,
        range: w.start + range.start..w.start + range.end,
        what,
    };
    // An assigned value that opens a quote runs to the closing quote, spaces included.
    let assigned = |w: &Word<'_>, from: usize, v: &str| -> Option<Range<usize>> {
        let text = elements[w.element];
        let at = w.start + from;
        if let Some(q) = text[at..].chars().next().filter(|c| *c == '"' || *c == '\'')
            && let Some(len) = text[at + 1..].find(q)
        {
            let value = &text[at + 1..at + 1 + len];
            return (literal(value) && !value.contains("${") && !value.contains("$("))
                .then(|| from + 1..from + 1 + len);
        }
        inner(v).map(|r| from + r.start..from + r.end)
    };
    for (i, w) in words.iter().enumerate() {
        let rest = &words[i + 1..];
        let next = |n: usize| rest.get(n).map(|w| w.text);
        if w.text == "mc" && rest.len() >= 6 {
            let set = next(0) == Some("alias") && next(1) == Some("set");
            let host = next(0) == Some("config") && next(1) == Some("host");
            if set || host {
                let creds = if set { &rest[4..6] } else { &rest[5..rest.len().min(7)] };
                let what = format!("mc {} {} with literal keys", rest[0].text, rest[1].text);
                for c in creds.iter().filter(|c| literal(c.text)) {
                    out.push(hit(c, 0..c.text.len(), what.clone()));
                }
            }
        }
        if let Some(flag) = w.text.strip_prefix("--").or_else(|| w.text.strip_prefix('-')) {
            let at = w.text.len() - flag.len();
            match flag.split_once('=') {
                Some((k, v)) if is_credential_key(k) => {
                    if let Some(r) = assigned(w, at + k.len() + 1, v) {
                        out.push(hit(w, r, format!("--{k}=…")));
                    }
                }
                None if is_credential_key(flag) => {
                    if let Some(n) = rest.first().filter(|n| literal(n.text)) {
                        out.push(hit(n, 0..n.text.len(), format!("--{flag} …")));
                    }
                }
                _ => {}
            }
        } else if let Some((k, v)) = w.text.split_once('=') {
            if is_credential_key(k)
                && !k.contains('/')
                && let Some(r) = assigned(w, k.len() + 1, v)
            {
                out.push(hit(w, r, format!("{k}=…")));
            }
        } else if is_credential_key(w.text) && next(0) == Some("=") {
            // SQL options: 'password' = 'x'
            if let Some(n) = rest.get(1).filter(|n| literal(n.text)) {
                let r = inner(n.text).unwrap_or(0..n.text.len());
                out.push(hit(n, r, format!("{} = …", w.text)));
            }
        }
        if let Some((scheme, after)) = w.text.split_once("://") {
            let authority = after.split('/').next().unwrap_or("");
            if let Some((userinfo, _)) = authority.rsplit_once('@')
                && let Some((_, password)) = userinfo.split_once(':')
                && literal(password)
            {
                let from = scheme.len() + 3 + userinfo.len() - password.len();
                out.push(hit(w, from..from + password.len(), "user:password@ in a URL".into()));
            }
        }
    }
    out
}

/// Describes a literal credential on a command line (never the value itself), if any:
/// `mc alias set A URL USER PASS`, `--password=x`, `--password x`, `SECRET=x`, `u:p@host`.
pub fn command_line_credential(text: &str) -> Option<String> {
    secrets_in(&[text]).into_iter().next().map(|s| s.what)
}

/// True when the text holds a PEM private key.
pub fn is_private_key(text: &str) -> bool {
    text.contains("-----BEGIN") && text.contains("PRIVATE KEY")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(elements: &[&str]) -> Vec<String> {
        secrets_in(elements)
            .into_iter()
            .map(|s| elements[s.element][s.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn command_lines() {
        let mc = "mc alias set dev http://minio:9000 minioadmin minioadmin && mc cp a b";
        assert_eq!(command_line_credential(mc).as_deref(), Some("mc alias set with literal keys"));
        assert_eq!(found(&[mc]), ["minioadmin", "minioadmin"]);
        assert!(command_line_credential("mc alias set dev http://m:9000 $USER $PASS").is_none());
        assert_eq!(
            command_line_credential("run --password=hunter2").as_deref(),
            Some("--password=…")
        );
        assert_eq!(
            command_line_credential("run --password hunter2").as_deref(),
            Some("--password …")
        );
        assert!(command_line_credential("MINIO_ROOT_PASSWORD=x ./start").is_some());
        assert!(command_line_credential("wget https://u:p@host/x.jar").is_some());
        assert!(
            command_line_credential("wget -O /opt/flink/x.jar https://repo1.maven.org/x.jar")
                .is_none()
        );
    }

    #[test]
    fn values_are_located_exactly() {
        assert_eq!(found(&["run --password=hunter2 --x"]), ["hunter2"]);
        assert_eq!(found(&["--db-password", "s3cr3t"]), ["s3cr3t"]);
        assert_eq!(found(&["run '--password' 'quoted'"]), ["quoted"]);
        assert_eq!(found(&["--db-password", "$(DB_PASSWORD)"]), Vec::<String>::new());
        assert_eq!(found(&["sh", "-c", "PGPASSWORD='pw1' psql"]), ["pw1"]);
        assert_eq!(found(&["wget https://me:pw2@host/x.jar"]), ["pw2"]);
        let jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required \
                    username='app' password='change-me';";
        assert_eq!(found(&[jaas]), ["change-me"]);
        assert_eq!(found(&["x required username=\"u\" password=\"p w\";"]), ["p w"]);
        assert_eq!(found(&["x required password=\"${PASS}\";"]), Vec::<String>::new());
        assert_eq!(found(&["WITH ('connector' = 'jdbc', 'password' = 'pw3')"]), ["pw3"]);
    }

    #[test]
    fn plain_text_has_no_secret() {
        assert!(found(&["SELECT * FROM orders WHERE amount > 1000"]).is_empty());
        assert!(found(&["--password-file", "/etc/pw"]).is_empty());
        assert!(is_private_key("-----BEGIN RSA PRIVATE KEY-----\nx"));
    }
}

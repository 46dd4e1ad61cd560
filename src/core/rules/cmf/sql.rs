//! A small Flink SQL reader: statement kind (domain.md §3.3) and the table identifiers a
//! statement names. It is not a parser: it skips comments and string literals, then
//! looks at keywords, which is what the rules need.

/// What kind of statement CMF sees (domain.md §3.3, inference from the SQL overview).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// `SELECT`, `WITH`, `VALUES`, `EXPLAIN`: results are fetched from CMF.
    Interactive,
    /// `INSERT`, `EXECUTE STATEMENT SET`, `BEGIN STATEMENT SET`: a long-running job.
    Detached,
    /// `CREATE`, `ALTER`, `DROP`: run inside CMF, gated by `ddlEnvironments`.
    Ddl,
    /// `SHOW`, `DESCRIBE`, `USE`: catalog metadata, no Flink job.
    Metadata,
    /// Empty or not recognised.
    Unknown,
}

/// One token of the SQL text (comments and string literals removed).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A word or a back-quoted identifier (quotes removed); `quoted` keeps it from
    /// being read as a keyword.
    Word { text: String, quoted: bool },
    /// Any other character.
    Punct(char),
}

fn tokens(sql: &str) -> Vec<Token> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '-' && next == Some('-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' || c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += 1;
            }
            i += 1;
            out.push(Token::Punct('\''));
        } else if c == '`' {
            let start = i + 1;
            i = start;
            while i < chars.len() && chars[i] != '`' {
                i += 1;
            }
            out.push(Token::Word {
                text: chars[start..i.min(chars.len())].iter().collect(),
                quoted: true,
            });
            i += 1;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '$')) {
                i += 1;
            }
            out.push(Token::Word { text: chars[start..i].iter().collect(), quoted: false });
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

fn keyword(t: &Token) -> Option<String> {
    match t {
        Token::Word { text, quoted: false } => Some(text.to_ascii_uppercase()),
        _ => None,
    }
}

/// Classifies a statement by its first keyword(s).
pub fn classify(sql: &str) -> StatementKind {
    let toks = tokens(sql);
    let kw = |i: usize| toks.get(i).and_then(keyword).unwrap_or_default();
    match kw(0).as_str() {
        "SELECT" | "WITH" | "VALUES" | "EXPLAIN" => StatementKind::Interactive,
        "INSERT" => StatementKind::Detached,
        "EXECUTE" if kw(1) == "STATEMENT" || kw(1) == "INSERT" => StatementKind::Detached,
        "BEGIN" if kw(1) == "STATEMENT" => StatementKind::Detached,
        "CREATE" | "ALTER" | "DROP" => StatementKind::Ddl,
        "SHOW" | "DESCRIBE" | "DESC" | "USE" => StatementKind::Metadata,
        _ => StatementKind::Unknown,
    }
}

/// True when the statement contains a `LIMIT` keyword.
pub fn has_limit(sql: &str) -> bool {
    tokens(sql).iter().any(|t| keyword(t).as_deref() == Some("LIMIT"))
}

/// Reads a dotted identifier starting at `i`; returns its parts.
fn identifier(toks: &[Token], mut i: usize) -> Vec<String> {
    let mut parts = Vec::new();
    while let Some(Token::Word { text, .. }) = toks.get(i) {
        parts.push(text.clone());
        if toks.get(i + 1) != Some(&Token::Punct('.')) {
            break;
        }
        i += 2;
    }
    parts
}

/// Table identifiers named after `FROM`, `JOIN`, `INTO` and `TABLE` (each as its
/// dotted parts: `[table]`, `[db, table]` or `[catalog, db, table]`). Sub-queries and
/// table functions are skipped.
pub fn table_refs(sql: &str) -> Vec<Vec<String>> {
    let toks = tokens(sql);
    let mut out: Vec<Vec<String>> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(k) = keyword(t) else { continue };
        if !matches!(k.as_str(), "FROM" | "JOIN" | "INTO" | "TABLE") {
            continue;
        }
        let mut j = i + 1;
        // CREATE TABLE IF NOT EXISTS x / DROP TABLE IF EXISTS x
        while toks
            .get(j)
            .and_then(keyword)
            .is_some_and(|w| matches!(w.as_str(), "IF" | "NOT" | "EXISTS"))
        {
            j += 1;
        }
        let parts = identifier(&toks, j);
        let is_keyword = |p: &Vec<String>| {
            p.len() == 1
                && matches!(
                    toks.get(j).and_then(keyword).as_deref(),
                    Some("SELECT" | "LATERAL" | "UNNEST" | "TABLE" | "VALUES")
                )
        };
        let is_function = toks.get(j + 2 * parts.len().saturating_sub(1) + 1)
            == Some(&Token::Punct('('))
            && k != "TABLE"
            && k != "INTO";
        if !parts.is_empty() && !is_keyword(&parts) && !is_function && !out.contains(&parts) {
            out.push(parts);
        }
    }
    out
}

/// The table a DDL statement (`CREATE/ALTER/DROP TABLE`) targets, as dotted parts.
pub fn ddl_table(sql: &str) -> Option<Vec<String>> {
    let toks = tokens(sql);
    let pos = toks.iter().position(|t| keyword(t).as_deref() == Some("TABLE"))?;
    let head: Vec<String> = toks[..pos].iter().filter_map(keyword).collect();
    let verb_ok = matches!(head.first().map(String::as_str), Some("CREATE" | "ALTER" | "DROP"));
    if !verb_ok || head.iter().any(|w| w == "AS" || w == "SELECT") {
        return None;
    }
    let mut j = pos + 1;
    while toks
        .get(j)
        .and_then(keyword)
        .is_some_and(|w| matches!(w.as_str(), "IF" | "NOT" | "EXISTS"))
    {
        j += 1;
    }
    Some(identifier(&toks, j)).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_after_comments() {
        assert_eq!(classify("-- note\n/* x */ insert into t select 1"), StatementKind::Detached);
        assert_eq!(
            classify("EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END"),
            StatementKind::Detached
        );
        assert_eq!(
            classify("BEGIN STATEMENT SET; INSERT INTO a SELECT 1; END"),
            StatementKind::Detached
        );
        assert_eq!(classify("WITH a AS (SELECT 1) SELECT * FROM a"), StatementKind::Interactive);
        assert_eq!(classify("CREATE TABLE t (a INT)"), StatementKind::Ddl);
        assert_eq!(classify("SHOW TABLES"), StatementKind::Metadata);
        assert_eq!(classify("  "), StatementKind::Unknown);
        assert!(has_limit("SELECT * FROM t LIMIT 10"));
        assert!(!has_limit("SELECT 'LIMIT' FROM t"));
    }

    #[test]
    fn finds_tables_with_their_qualification() {
        let refs = table_refs(
            "INSERT INTO `kafka-catalog`.`clickstream`.`out` SELECT a FROM db.src s JOIN plain p ON s.a = p.a",
        );
        assert_eq!(
            refs,
            vec![
                vec!["kafka-catalog".to_string(), "clickstream".into(), "out".into()],
                vec!["db".into(), "src".into()],
                vec!["plain".into()],
            ]
        );
        assert!(table_refs("SELECT * FROM (SELECT 1)").is_empty());
        assert_eq!(
            ddl_table("CREATE TABLE IF NOT EXISTS `c`.`d`.`t` (a INT)"),
            Some(vec!["c".into(), "d".into(), "t".into()])
        );
        assert_eq!(ddl_table("CREATE VIEW v AS SELECT 1"), None);
    }
}

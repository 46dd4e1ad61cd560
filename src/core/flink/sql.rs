//! A small Flink SQL reader: what kind of statement CMF sees (domain.md §3.3), whether it
//! has a `LIMIT`, and the table identifiers it names. It is not a parser: one tokenizer
//! skips comments and string literals, then the readers look at keywords, which is all
//! the rules and the configuration engines need (and far smaller than a SQL parser in the
//! browser bundle).
//!
//! [`insert`] reads further, for the sink upsert-key check of Flink 2.3: the table
//! definitions (`CREATE TABLE` columns, primary key, `WITH` options) and the INSERTs
//! (target, column list, `ON CONFLICT`, the grouping keys' output positions).
//!
//! `CREATE TABLE … AS SELECT` (CTAS, also `CREATE OR REPLACE TABLE … AS`, `REPLACE TABLE
//! … AS`) is **detached**: Flink creates the table, then runs a job that writes the query's
//! result into it, exactly as `INSERT INTO` would (Flink SQL `CREATE TABLE` docs, "AS
//! select_statement"; Confluent's CREATE TABLE syntax `[ LIKE … | AS select_query ]`). A
//! `CREATE VIEW … AS SELECT` only stores the query: DDL.

pub mod insert;

/// What kind of statement CMF sees (domain.md §3.3; CMF's "Deploy and Manage
/// Statements" page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementKind {
    /// `SELECT`, `WITH`, `VALUES`, `EXPLAIN`: a Flink job whose results are fetched from
    /// CMF.
    Interactive,
    /// `INSERT`, `EXECUTE STATEMENT SET` / `INSERT` / `PLAN`, `BEGIN STATEMENT SET`,
    /// `CREATE TABLE … AS SELECT`: a long-running job writing into a table.
    Detached,
    /// `CREATE`, `ALTER`, `DROP` (tables, views, functions…): run inside CMF, no Flink
    /// job; gated by the database's `ddlEnvironments`.
    Ddl,
    /// `SHOW`, `DESCRIBE`, `USE`: catalog metadata, run inside CMF, no Flink job.
    Metadata,
    /// Empty or not recognised.
    Unknown,
}

impl StatementKind {
    /// The branch of the environment's `statementDefaults` CMF applies to the statement's
    /// job (`interactive` / `detached`); `None` when the kind runs no Flink job or is not
    /// recognised.
    pub fn defaults_branch(self) -> Option<&'static str> {
        match self {
            StatementKind::Interactive => Some("interactive"),
            StatementKind::Detached => Some("detached"),
            StatementKind::Ddl | StatementKind::Metadata | StatementKind::Unknown => None,
        }
    }

    /// True for the kinds CMF runs itself, without a Flink job (DDL and metadata).
    pub fn runs_inside_cmf(self) -> bool {
        matches!(self, StatementKind::Ddl | StatementKind::Metadata)
    }
}

/// One token of the SQL text (comments and string literals removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// A word or a back-quoted identifier (quotes removed); `quoted` keeps it from being
    /// read as a keyword.
    Word { text: &'a str, quoted: bool },
    /// A string literal, its text between the quotes (doubled quotes are not unescaped).
    Literal(&'a str),
    /// Any other character but blanks.
    Punct(char),
}

impl Token<'_> {
    /// The word when it is an unquoted keyword equal to `kw` (any case).
    fn is(&self, kw: &str) -> bool {
        matches!(self, Token::Word { text, quoted: false } if text.eq_ignore_ascii_case(kw))
    }

    /// True for an unquoted word equal to one of `kws` (any case).
    fn is_any(&self, kws: &[&str]) -> bool {
        kws.iter().any(|kw| self.is(kw))
    }
}

/// The tokens of `sql`, lazily (classifying reads only the first few).
struct Tokens<'a> {
    rest: &'a str,
}

fn tokens(sql: &str) -> Tokens<'_> {
    Tokens { rest: sql }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let s = self.rest.trim_start();
            let c = s.chars().next()?;
            if let Some(after) = s.strip_prefix("--") {
                self.rest = after.split_once('\n').map_or("", |(_, r)| r);
            } else if let Some(after) = s.strip_prefix("/*") {
                self.rest = after.split_once("*/").map_or("", |(_, r)| r);
            } else if c == '\'' || c == '"' {
                let (text, rest) = s[1..].split_once(c).unwrap_or((&s[1..], ""));
                self.rest = rest;
                return Some(Token::Literal(text));
            } else if c == '`' {
                let (text, rest) = s[1..].split_once('`').unwrap_or((&s[1..], ""));
                self.rest = rest;
                return Some(Token::Word { text, quoted: true });
            } else if is_word_char(c) {
                let end = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
                self.rest = &s[end..];
                return Some(Token::Word { text: &s[..end], quoted: false });
            } else {
                self.rest = &s[c.len_utf8()..];
                return Some(Token::Punct(c));
            }
        }
    }
}

/// Classifies a statement by its first keyword(s); a `CREATE … TABLE` is detached when
/// it has an `AS` outside parentheses (CTAS; the `AS` of computed columns and watermarks
/// is inside the column list).
pub fn classify(sql: &str) -> StatementKind {
    let mut toks = tokens(sql).skip_while(|t| *t == Token::Punct('('));
    let Some(first) = toks.next() else { return StatementKind::Unknown };
    let second = toks.next();
    let second_is = |kws: &[&str]| second.is_some_and(|t| t.is_any(kws));
    if first.is_any(&["SELECT", "WITH", "VALUES", "EXPLAIN"]) {
        StatementKind::Interactive
    } else if first.is("INSERT")
        || (first.is("EXECUTE") && second_is(&["STATEMENT", "INSERT", "PLAN"]))
        || (first.is("BEGIN") && second_is(&["STATEMENT"]))
    {
        StatementKind::Detached
    } else if first.is_any(&["CREATE", "REPLACE"]) {
        let rest = second.into_iter().chain(toks);
        if table_as(rest) { StatementKind::Detached } else { StatementKind::Ddl }
    } else if first.is_any(&["ALTER", "DROP"]) {
        StatementKind::Ddl
    } else if first.is_any(&["SHOW", "DESCRIBE", "DESC", "USE"]) {
        StatementKind::Metadata
    } else {
        StatementKind::Unknown
    }
}

/// True for `CREATE TABLE … AS SELECT` (CTAS) and its `CREATE OR REPLACE` / `REPLACE`
/// forms: a table created and then filled by a job.
pub fn creates_table_as(sql: &str) -> bool {
    let mut toks = tokens(sql).skip_while(|t| *t == Token::Punct('('));
    toks.next().is_some_and(|t| t.is_any(&["CREATE", "REPLACE"])) && table_as(toks)
}

/// After `CREATE` / `REPLACE`: `[OR REPLACE | OR ALTER] [TEMPORARY] [MATERIALIZED] TABLE
/// … AS …` with the `AS` outside parentheses.
fn table_as<'a>(mut toks: impl Iterator<Item = Token<'a>>) -> bool {
    const MODIFIERS: &[&str] = &["OR", "REPLACE", "ALTER", "TEMPORARY", "MATERIALIZED"];
    let table = loop {
        match toks.next() {
            Some(t) if t.is_any(MODIFIERS) => continue,
            Some(t) => break t.is("TABLE"),
            None => break false,
        }
    };
    let mut depth = 0usize;
    table
        && toks.any(|t| {
            match t {
                Token::Punct('(') => depth += 1,
                Token::Punct(')') => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth == 0 && t.is("AS")
        })
}

/// True when the statement contains a `LIMIT` keyword.
pub fn has_limit(sql: &str) -> bool {
    tokens(sql).any(|t| t.is("LIMIT"))
}

/// Reads a dotted identifier starting at `i`; returns its parts.
fn identifier(toks: &[Token<'_>], mut i: usize) -> Vec<String> {
    let mut parts = Vec::new();
    while let Some(Token::Word { text, .. }) = toks.get(i) {
        parts.push(text.to_string());
        if toks.get(i + 1) != Some(&Token::Punct('.')) {
            break;
        }
        i += 2;
    }
    parts
}

/// Skips `IF NOT EXISTS` / `IF EXISTS` from `j` on.
fn skip_if_exists(toks: &[Token<'_>], mut j: usize) -> usize {
    while toks.get(j).is_some_and(|t| t.is_any(&["IF", "NOT", "EXISTS"])) {
        j += 1;
    }
    j
}

/// Table identifiers named after `FROM`, `JOIN`, `INTO` and `TABLE` (each as its dotted
/// parts: `[table]`, `[db, table]` or `[catalog, db, table]`). Sub-queries and table
/// functions are skipped.
pub fn table_refs(sql: &str) -> Vec<Vec<String>> {
    let toks: Vec<Token<'_>> = tokens(sql).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.is_any(&["FROM", "JOIN", "INTO", "TABLE"]) {
            continue;
        }
        let into_or_table = t.is_any(&["INTO", "TABLE"]);
        // CREATE TABLE IF NOT EXISTS x / DROP TABLE IF EXISTS x
        let j = skip_if_exists(&toks, i + 1);
        let parts = identifier(&toks, j);
        let is_keyword = parts.len() == 1
            && toks
                .get(j)
                .is_some_and(|w| w.is_any(&["SELECT", "LATERAL", "UNNEST", "TABLE", "VALUES"]));
        let is_function = toks.get(j + 2 * parts.len().saturating_sub(1) + 1)
            == Some(&Token::Punct('('))
            && !into_or_table;
        if !parts.is_empty() && !is_keyword && !is_function && !out.contains(&parts) {
            out.push(parts);
        }
    }
    out
}

/// The table a DDL statement (`CREATE/ALTER/DROP TABLE`) targets, as dotted parts; CTAS
/// statements create theirs too.
pub fn ddl_table(sql: &str) -> Option<Vec<String>> {
    let toks: Vec<Token<'_>> = tokens(sql).collect();
    let pos = toks.iter().position(|t| t.is("TABLE"))?;
    let head = &toks[..pos];
    let first_word = head.iter().find(|t| matches!(t, Token::Word { quoted: false, .. }));
    let verb_ok = first_word.is_some_and(|t| t.is_any(&["CREATE", "ALTER", "DROP"]));
    if !verb_ok || head.iter().any(|t| t.is_any(&["AS", "SELECT"])) {
        return None;
    }
    Some(identifier(&toks, skip_if_exists(&toks, pos + 1))).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatementKind::*;

    #[test]
    fn classifies_after_comments() {
        assert_eq!(classify("-- note\n/* x */ insert into t select 1"), Detached);
        assert_eq!(classify("EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END"), Detached);
        assert_eq!(classify("BEGIN STATEMENT SET; INSERT INTO a SELECT 1; END"), Detached);
        assert_eq!(classify("EXECUTE PLAN '/plans/p.json'"), Detached);
        assert_eq!(classify("WITH a AS (SELECT 1) SELECT * FROM a"), Interactive);
        assert_eq!(classify("  -- x\n /* y */ SELECT 1"), Interactive);
        assert_eq!(classify("(SELECT 1) UNION (SELECT 2)"), Interactive);
        assert_eq!(classify("insert into t values (1)"), Detached);
        assert_eq!(classify("CREATE TABLE t (a INT)"), Ddl);
        assert_eq!(classify("DROP TABLE t"), Ddl);
        assert_eq!(classify("SHOW TABLES;"), Metadata);
        assert_eq!(classify("describe t"), Metadata);
        assert_eq!(classify("  "), Unknown);
        assert_eq!(classify("-- only a comment"), Unknown);
        assert_eq!(classify("SET 'a' = 'b'"), Unknown);
        assert_eq!(classify("`SELECT` 1"), Unknown, "a quoted word is no keyword");
        assert!(has_limit("SELECT * FROM t LIMIT 10"));
        assert!(!has_limit("SELECT 'LIMIT' FROM t"));
    }

    #[test]
    fn create_table_as_select_runs_a_job() {
        assert_eq!(classify("CREATE TABLE t AS SELECT * FROM s"), Detached);
        assert_eq!(
            classify("create table t with ('connector' = 'kafka') as select a from s"),
            Detached
        );
        assert_eq!(classify("CREATE OR REPLACE TABLE t AS SELECT 1"), Detached);
        assert_eq!(classify("REPLACE TABLE t AS SELECT 1"), Detached);
        assert_eq!(classify("CREATE TEMPORARY TABLE t AS SELECT 1"), Detached);
        // The AS of computed columns and watermarks is inside the column list.
        let ddl = "CREATE TABLE t (a INT, b AS a + 1, ts TIMESTAMP(3), \
                   WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'kafka')";
        assert_eq!(classify(ddl), Ddl);
        assert_eq!(classify("CREATE VIEW v AS SELECT 1"), Ddl);
        assert_eq!(classify("CREATE FUNCTION f AS 'com.example.F'"), Ddl);
        assert_eq!(classify("CREATE TABLE t LIKE s"), Ddl);
        assert_eq!(classify("CREATE TABLE `as` (a INT)"), Ddl);
        assert!(creates_table_as("/* x */ CREATE TABLE t AS SELECT 1"));
        assert!(!creates_table_as("INSERT INTO t SELECT 1"));
        assert!(!creates_table_as("CREATE VIEW v AS SELECT 1"));
    }

    #[test]
    fn kinds_say_where_they_run() {
        assert_eq!(Detached.defaults_branch(), Some("detached"));
        assert_eq!(Interactive.defaults_branch(), Some("interactive"));
        assert_eq!(Ddl.defaults_branch(), None);
        assert_eq!(Unknown.defaults_branch(), None);
        assert!(Ddl.runs_inside_cmf() && Metadata.runs_inside_cmf());
        assert!(!Unknown.runs_inside_cmf() && !Detached.runs_inside_cmf());
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
        assert!(table_refs("SELECT * FROM TABLE(f(1))").is_empty());
        assert_eq!(table_refs("SELECT * FROM 'x'"), Vec::<Vec<String>>::new());
        assert_eq!(
            ddl_table("CREATE TABLE IF NOT EXISTS `c`.`d`.`t` (a INT)"),
            Some(vec!["c".into(), "d".into(), "t".into()])
        );
        assert_eq!(ddl_table("CREATE TABLE t AS SELECT 1"), Some(vec!["t".into()]));
        assert_eq!(ddl_table("CREATE VIEW v AS SELECT 1"), None);
    }
}

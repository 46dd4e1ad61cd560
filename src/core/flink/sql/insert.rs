//! Table definitions and INSERT statements, read as far as the sink upsert-key check of
//! Flink 2.3 needs it (FLIP-558): which columns a `CREATE TABLE` persists and which form
//! its primary key, how its `WITH` options say it is written, what an INSERT writes into
//! which columns, whether it has an `ON CONFLICT` clause, and — for a plain `GROUP BY`
//! query — at which output positions the grouping keys (the query's upsert key) land.
//!
//! Like the rest of `sql`, this looks at keywords at parenthesis depth 0, not at a parse
//! tree: whatever it cannot read plainly it reports as unknown ([`GroupKey::Unknown`]).

use super::{Token, identifier, skip_if_exists, tokens};

/// A `CREATE TABLE` with a column list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDef {
    /// The table identifier as written (`[table]`, `[db, table]`, `[catalog, db, table]`).
    pub name: Vec<String>,
    /// The columns an INSERT writes, in order (computed and virtual metadata columns are
    /// left out, as Flink leaves them out of the sink's row).
    pub columns: Vec<String>,
    /// The primary key columns (`PRIMARY KEY (…) NOT ENFORCED`, or on a column).
    pub primary_key: Vec<String>,
    /// The `WITH ('key' = 'value', …)` options.
    pub options: Vec<(String, String)>,
}

impl TableDef {
    /// The value of a `WITH` option.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// False when the options say the table is not written as an upsert sink: an
    /// append-only or retracting `changelog.mode`, or a connector whose sink takes no
    /// upserts by key (`kafka`, `filesystem`, `print`, `blackhole`). Without such options
    /// (a catalog table with a primary key, `upsert-kafka`, `jdbc`…) it may be.
    pub fn may_be_upsert_sink(&self) -> bool {
        let mode = self.option("changelog.mode").map(str::to_ascii_lowercase);
        match mode.as_deref() {
            Some("upsert") => return true,
            Some(_) => return false,
            None => {}
        }
        let connector = self.option("connector").map(str::to_ascii_lowercase);
        !matches!(connector.as_deref(), Some("kafka" | "filesystem" | "print" | "blackhole"))
    }
}

/// Where the grouping keys of an INSERT's query land in its output row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKey {
    /// A plain `SELECT … GROUP BY` on columns: the output positions of the grouping keys
    /// (the query's upsert key), in `GROUP BY` order.
    Positions(Vec<usize>),
    /// A grouping key that no select item names (the query outputs no upsert key).
    Dropped(String),
    /// Anything else (no `GROUP BY`, expressions, `*`, `DISTINCT`, `UNION`, `WITH`…).
    Unknown,
}

/// One `INSERT INTO` of a statement (statement sets have several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insert {
    /// The target table identifier as written.
    pub target: Vec<String>,
    /// The target column list, if written.
    pub columns: Option<Vec<String>>,
    /// True when the INSERT has an `ON CONFLICT` clause.
    pub on_conflict: bool,
    /// Where the query's grouping keys land.
    pub group_key: GroupKey,
}

fn depth_step(t: &Token<'_>, depth: &mut usize) {
    match t {
        Token::Punct('(') => *depth += 1,
        Token::Punct(')') => *depth = depth.saturating_sub(1),
        _ => {}
    }
}

/// Splits `toks` at depth-0 commas.
fn split_commas<'t, 'a>(toks: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0usize);
    for (i, t) in toks.iter().enumerate() {
        depth_step(t, &mut depth);
        if depth == 0 && *t == Token::Punct(',') {
            out.push(&toks[start..i]);
            start = i + 1;
        }
    }
    out.push(&toks[start..]);
    out
}

/// The last part of a plain (possibly qualified) column reference: `a`, `t.a`.
fn column_ref(toks: &[Token<'_>]) -> Option<String> {
    let parts = identifier(toks, 0);
    (!parts.is_empty() && 2 * parts.len() - 1 == toks.len()).then(|| parts.last().cloned())?
}

/// The `CREATE TABLE` definition of a statement (not `CREATE TABLE … AS` or `LIKE`).
pub fn table_def(sql: &str) -> Option<TableDef> {
    let toks: Vec<Token<'_>> = tokens(sql).collect();
    let first = toks.iter().position(|t| matches!(t, Token::Word { quoted: false, .. }))?;
    if !toks[first].is("CREATE") {
        return None;
    }
    let table = first + toks[first..].iter().position(|t| t.is("TABLE"))?;
    if toks[first..table].iter().any(|t| !t.is_any(&["CREATE", "OR", "REPLACE", "TEMPORARY"])) {
        return None;
    }
    let at = skip_if_exists(&toks, table + 1);
    let name = identifier(&toks, at);
    let open = at + 2 * name.len().checked_sub(1)? + 1;
    if name.is_empty() || toks.get(open) != Some(&Token::Punct('(')) {
        return None;
    }
    let close = open + matching_paren(&toks[open..])?;
    let mut def =
        TableDef { name, columns: Vec::new(), primary_key: Vec::new(), options: Vec::new() };
    for item in split_commas(&toks[open + 1..close]) {
        read_column_item(item, &mut def);
    }
    let rest = &toks[close + 1..];
    if rest.iter().any(|t| t.is_any(&["AS", "LIKE"])) {
        return None;
    }
    if let Some(with) = rest.iter().position(|t| t.is("WITH"))
        && rest.get(with + 1) == Some(&Token::Punct('('))
        && let Some(end) = matching_paren(&rest[with + 1..])
    {
        for pair in split_commas(&rest[with + 2..with + 1 + end]) {
            if let [Token::Literal(k), Token::Punct('='), Token::Literal(v)] = pair {
                def.options.push((k.to_string(), v.to_string()));
            }
        }
    }
    Some(def)
}

/// Index (in `toks`, which starts at an opening parenthesis) of the matching one.
fn matching_paren(toks: &[Token<'_>]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        depth_step(t, &mut depth);
        if depth == 0 {
            return Some(i);
        }
    }
    None
}

/// One item of a `CREATE TABLE` column list: a column, a primary key, a watermark or
/// another constraint.
fn read_column_item(item: &[Token<'_>], def: &mut TableDef) {
    let Some(first) = item.first() else { return };
    let pk = item.windows(2).position(|w| w[0].is("PRIMARY") && w[1].is("KEY"));
    if first.is_any(&["PRIMARY", "CONSTRAINT"]) {
        if let Some(p) = pk
            && item.get(p + 2) == Some(&Token::Punct('('))
        {
            let end = item.iter().position(|t| *t == Token::Punct(')')).unwrap_or(item.len());
            let cols = split_commas(&item[p + 3..end]);
            def.primary_key = cols.iter().filter_map(|c| column_ref(c)).collect();
        }
        return;
    }
    if first.is("WATERMARK") {
        return;
    }
    let Token::Word { text, .. } = first else { return };
    // `name AS expr` is computed; `… METADATA … VIRTUAL` is not written by an INSERT.
    let computed = item.get(1).is_some_and(|t| t.is("AS"));
    let virtual_metadata = item.iter().any(|t| t.is("VIRTUAL"));
    if !computed && !virtual_metadata {
        def.columns.push(text.to_string());
    }
    if pk.is_some() {
        def.primary_key = vec![text.to_string()];
    }
}

/// Every `INSERT INTO` of a statement, in order.
pub fn inserts(sql: &str) -> Vec<Insert> {
    let toks: Vec<Token<'_>> = tokens(sql).collect();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.is("INSERT") || !toks.get(i + 1).is_some_and(|n| n.is("INTO")) {
            continue;
        }
        let target = identifier(&toks, i + 2);
        if target.is_empty() {
            continue;
        }
        let mut j = i + 2 + 2 * target.len() - 1;
        if toks.get(j).is_some_and(|t| t.is("PARTITION"))
            && let Some(end) = matching_paren(&toks[j + 1..])
        {
            j += end + 2;
        }
        let mut columns = None;
        if toks.get(j) == Some(&Token::Punct('('))
            && let Some(end) = matching_paren(&toks[j..])
        {
            let list = split_commas(&toks[j + 1..j + end]);
            columns = Some(list.iter().filter_map(|c| column_ref(c)).collect());
            j += end + 1;
        }
        let query = query_of(&toks[j..]);
        let on_conflict = query.windows(2).any(|w| w[0].is("ON") && w[1].is("CONFLICT"));
        out.push(Insert { target, columns, on_conflict, group_key: group_key(query) });
    }
    out
}

/// The query of an INSERT: its tokens up to a depth-0 `;` or the `END` of a statement set.
fn query_of<'t, 'a>(toks: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        depth_step(t, &mut depth);
        if depth == 0 && (*t == Token::Punct(';') || t.is("END")) {
            return &toks[..i];
        }
    }
    toks
}

/// Where the grouping keys of a plain `SELECT … GROUP BY` land (see [`GroupKey`]).
fn group_key(query: &[Token<'_>]) -> GroupKey {
    if !query.first().is_some_and(|t| t.is("SELECT"))
        || query.get(1).is_some_and(|t| t.is_any(&["DISTINCT", "ALL"]))
    {
        return GroupKey::Unknown;
    }
    // Clauses at depth 0: FROM, GROUP BY and what ends the GROUP BY list.
    let (mut depth, mut from, mut group, mut group_end) = (0usize, None, None, query.len());
    for (i, t) in query.iter().enumerate() {
        depth_step(t, &mut depth);
        if depth > 0 {
            continue;
        }
        if t.is_any(&["UNION", "INTERSECT", "EXCEPT", "MINUS"]) {
            return GroupKey::Unknown;
        }
        if from.is_none() && t.is("FROM") {
            from = Some(i);
        } else if t.is("GROUP") && query.get(i + 1).is_some_and(|n| n.is("BY")) {
            group = Some(i + 2);
        } else if group.is_some()
            && group_end == query.len()
            && (t.is_any(&["HAVING", "ORDER", "LIMIT", "WINDOW", "QUALIFY"])
                || (t.is("ON") && query.get(i + 1).is_some_and(|n| n.is("CONFLICT"))))
        {
            group_end = i;
        }
    }
    let (Some(from), Some(group)) = (from, group) else { return GroupKey::Unknown };
    let items = split_commas(&query[1..from]);
    let outputs: Vec<Option<String>> = items.iter().map(|i| projected(i)).collect();
    // A select item that names the key in an expression, or a bare `*`, may output it.
    let may_output = |column: &str| {
        items.iter().any(|item| {
            *item == [Token::Punct('*')]
                || item.iter().any(|t| matches!(t, Token::Word { text, .. } if *text == column))
        })
    };
    let mut positions = Vec::new();
    for key in split_commas(&query[group..group_end]) {
        let Some(column) = column_ref(key) else { return GroupKey::Unknown };
        match outputs.iter().position(|o| o.as_deref() == Some(column.as_str())) {
            Some(p) => positions.push(p),
            None if !may_output(&column) => return GroupKey::Dropped(column),
            None => return GroupKey::Unknown,
        }
    }
    GroupKey::Positions(positions)
}

/// The column a select item outputs unchanged (`a`, `t.a`, `t.a AS b`, `a b`); `None` for
/// expressions and `*`.
fn projected(item: &[Token<'_>]) -> Option<String> {
    let expr = match item {
        [expr @ .., as_kw, Token::Word { .. }] if as_kw.is("AS") => expr,
        [expr @ .., Token::Word { .. }] if column_ref(expr).is_some() => expr,
        _ => item,
    };
    column_ref(expr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_table_definitions() {
        let def = table_def(
            "CREATE TABLE IF NOT EXISTS `cat`.`db`.`orders_by_region` (\n  region STRING,\n  \
             total BIGINT,\n  ts AS PROCTIME(),\n  part INT METADATA VIRTUAL,\n  \
             PRIMARY KEY (region) NOT ENFORCED,\n  WATERMARK FOR ts AS ts\n) \
             WITH ('connector' = 'upsert-kafka', 'topic' = 'out')",
        )
        .unwrap();
        assert_eq!(def.name, ["cat", "db", "orders_by_region"]);
        assert_eq!(def.columns, ["region", "total"]);
        assert_eq!(def.primary_key, ["region"]);
        assert_eq!(def.option("connector"), Some("upsert-kafka"));
        assert!(def.may_be_upsert_sink());
        let inline =
            table_def("create table t (id INT PRIMARY KEY NOT ENFORCED, v STRING)").unwrap();
        assert_eq!((inline.columns.len(), inline.primary_key.clone()), (2, vec!["id".to_string()]));
        assert!(inline.may_be_upsert_sink(), "a catalog table with a key may be an upsert sink");
        let kafka = table_def("CREATE TABLE k (a INT) WITH ('connector' = 'kafka')").unwrap();
        assert!(kafka.primary_key.is_empty() && !kafka.may_be_upsert_sink());
        let retract =
            table_def("CREATE TABLE r (a INT) WITH ('changelog.mode' = 'retract')").unwrap();
        assert!(!retract.may_be_upsert_sink());
        assert_eq!(table_def("CREATE TABLE t AS SELECT 1"), None);
        assert_eq!(table_def("CREATE TABLE t (a INT) AS SELECT 1"), None);
        assert_eq!(table_def("CREATE VIEW v (a) AS SELECT 1"), None);
        assert_eq!(table_def("INSERT INTO t SELECT 1"), None);
    }

    #[test]
    fn reads_inserts_and_their_grouping_keys() {
        let one = |sql: &str| inserts(sql).remove(0);
        let i = one(
            "INSERT INTO db.sink SELECT region, SUM(amount) AS total FROM orders GROUP BY region",
        );
        assert_eq!(i.target, ["db", "sink"]);
        assert_eq!((i.columns.clone(), i.on_conflict), (None, false));
        assert_eq!(i.group_key, GroupKey::Positions(vec![0]));
        let i = one(
            "INSERT INTO s (total, region) SELECT COUNT(*), o.region AS r FROM orders o GROUP BY o.region",
        );
        assert_eq!(i.columns, Some(vec!["total".into(), "region".into()]));
        assert_eq!(i.group_key, GroupKey::Positions(vec![1]));
        let i = one(
            "INSERT INTO s SELECT COUNT(*) AS n FROM orders GROUP BY region ON CONFLICT DO NOTHING",
        );
        assert!(i.on_conflict);
        assert_eq!(i.group_key, GroupKey::Dropped("region".into()));
        for unknown in [
            "INSERT INTO s SELECT a, b FROM t",
            "INSERT INTO s SELECT * FROM t GROUP BY a",
            "INSERT INTO s SELECT DISTINCT a FROM t",
            "INSERT INTO s SELECT a, COUNT(*) FROM t GROUP BY ROLLUP(a)",
            "INSERT INTO s SELECT a FROM t GROUP BY a UNION ALL SELECT a FROM u GROUP BY a",
            "INSERT INTO s VALUES (1, 2)",
        ] {
            assert_eq!(one(unknown).group_key, GroupKey::Unknown, "{unknown}");
        }
        let set = inserts(
            "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT k, COUNT(*) FROM t GROUP BY k; \
             INSERT INTO b SELECT x FROM t; END;",
        );
        assert_eq!(set.len(), 2);
        assert_eq!(set[0].group_key, GroupKey::Positions(vec![0]));
        assert_eq!(set[1].target, ["b"]);
        assert!(inserts("SELECT 'INSERT INTO x' FROM t").is_empty());
    }
}

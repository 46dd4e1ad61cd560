//! YAML (and JSON, its subset) loading with source positions.
//!
//! Documents are read from parser events rather than through serde so that every value
//! gets a line number (findings point at `file:line`), duplicate keys are reported instead
//! of silently overwritten, alias expansion is bounded (alias bombs) and a syntax error in
//! one document of a multi-document stream does not lose the documents after it.
//!
//! Scalars resolve with the YAML 1.2 core schema, plus the YAML 1.1 octal form `0644`
//! that Kubernetes (go-yaml) still reads as octal, so `defaultMode: 0644` keeps its value.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::pointer;

/// Largest input accepted in one file, in bytes.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;
/// Most values one document may expand to (guards against alias bombs).
pub const MAX_NODES_PER_DOCUMENT: usize = 500_000;
/// Deepest nesting accepted.
pub const MAX_DEPTH: usize = 200;

/// Line numbers (1-based) of the values of one document, keyed by RFC 6901 JSON Pointer.
///
/// Packed (the documents of a design stay loaded): every pointer in one text, and one
/// `(start, end, line)` triple per pointer, sorted by pointer. Serializes as a map of
/// pointer to line.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    /// The recorded pointers, one after another.
    text: String,
    /// `(start, end, line)` of each pointer (a range of `text`), sorted by pointer.
    entries: Vec<(u32, u32, u32)>,
}

impl Positions {
    /// Records the line of the value at `pointer` (the first record wins).
    pub fn insert(&mut self, pointer: String, line: u32) {
        let at = match self.entries.last() {
            None => 0,
            Some(last) if self.pointer(last) < pointer.as_str() => self.entries.len(),
            Some(_) => match self.find(&pointer) {
                Ok(_) => return,
                Err(i) => i,
            },
        };
        let start = self.text.len();
        self.text.push_str(&pointer);
        let span = (offset(start), offset(self.text.len()), line);
        self.entries.insert(at, span);
    }

    /// Every recorded pointer with its line, in pointer order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.entries.iter().map(|e| (self.pointer(e), e.2))
    }

    /// The line of `pointer`, or of its nearest ancestor that has one.
    pub fn line_of(&self, pointer: &str) -> Option<u32> {
        let mut p = pointer;
        loop {
            if let Ok(i) = self.find(p) {
                return Some(self.entries[i].2);
            }
            if p.is_empty() {
                return None;
            }
            p = p.rfind('/').map_or("", |i| &p[..i]);
        }
    }

    fn pointer(&self, &(start, end, _): &(u32, u32, u32)) -> &str {
        &self.text[start as usize..end as usize]
    }

    fn find(&self, pointer: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|e| self.pointer(e).cmp(pointer))
    }

    /// Packs pointers given in order, without duplicates.
    fn from_sorted<'a>(sorted: impl Iterator<Item = (&'a str, u32)>) -> Self {
        let mut out = Self::default();
        for (pointer, line) in sorted {
            let start = out.text.len();
            out.text.push_str(pointer);
            out.entries.push((offset(start), offset(out.text.len()), line));
        }
        out.text.shrink_to_fit();
        out.entries.shrink_to_fit();
        out
    }
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("a document's pointers fit in 4 GiB")
}

impl From<&BTreeMap<String, u32>> for Positions {
    fn from(map: &BTreeMap<String, u32>) -> Self {
        Self::from_sorted(map.iter().map(|(p, l)| (p.as_str(), *l)))
    }
}

impl FromIterator<(String, u32)> for Positions {
    /// Positions from pointers in any order (the first record of a pointer wins).
    fn from_iter<I: IntoIterator<Item = (String, u32)>>(iter: I) -> Self {
        let mut map = BTreeMap::new();
        for (pointer, line) in iter {
            map.entry(pointer).or_insert(line);
        }
        Self::from(&map)
    }
}

impl PartialEq for Positions {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Positions {}

impl serde::Serialize for Positions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for Positions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::<String, u32>::deserialize(d).map(|map| Self::from(&map))
    }
}

/// A problem met while loading, with the line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// What went wrong.
    pub kind: ProblemKind,
    /// 1-based line, where known.
    pub line: Option<u32>,
    /// Index of the document in the stream (0-based).
    pub document: usize,
    /// JSON Pointer of the value concerned, where known.
    pub pointer: String,
    /// Human readable explanation.
    pub message: String,
}

/// The classes of load problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The text is not valid YAML/JSON; the document is lost.
    Syntax,
    /// The same key appears twice in one mapping; the last one was kept.
    DuplicateKey,
    /// Aliases expand to more values than allowed; the document is dropped.
    AliasBomb,
    /// The input is larger than allowed, or nested too deeply; dropped.
    TooLarge,
}

/// One document of a stream.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedDocument {
    /// The document as a JSON value (key order preserved).
    pub value: Value,
    /// Where each value came from.
    pub positions: Arc<Positions>,
    /// Index of the document in its stream.
    pub index: usize,
    /// First line of the document's content.
    pub line: u32,
}

/// Everything read from one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadResult {
    /// The documents that could be read (empty documents are skipped).
    pub documents: Vec<LoadedDocument>,
    /// What went wrong, in order.
    pub problems: Vec<LoadProblem>,
}

/// Reads every document of a YAML or JSON text.
pub fn load(text: &str) -> LoadResult {
    let mut result = LoadResult::default();
    if text.len() > MAX_INPUT_BYTES {
        result.problems.push(LoadProblem {
            kind: ProblemKind::TooLarge,
            line: None,
            document: 0,
            pointer: String::new(),
            message: format!(
                "input is {} bytes; the limit is {} bytes",
                text.len(),
                MAX_INPUT_BYTES
            ),
        });
        return result;
    }
    let mut offset_line = 0u32;
    let mut rest: &str = text;
    let mut doc_index = 0usize;
    loop {
        let mut builder = Builder::new(offset_line, doc_index);
        let outcome = Parser::new_from_str(rest).load(&mut builder, true);
        doc_index = builder.doc_index;
        result.documents.append(&mut builder.done);
        result.problems.append(&mut builder.problems);
        let Err(err) = outcome else { break };
        let err_line = offset_line + u32::try_from(err.marker().line()).unwrap_or(u32::MAX);
        result.problems.push(LoadProblem {
            kind: ProblemKind::Syntax,
            line: Some(err_line),
            document: doc_index,
            pointer: String::new(),
            message: format!("{} (column {})", err.info(), err.marker().col() + 1),
        });
        doc_index += 1;
        // Resume at the next document marker after the error line.
        let skip = usize::try_from(err_line - offset_line).unwrap_or(usize::MAX);
        match next_document_start(rest, skip) {
            Some((byte, lines)) => {
                rest = &rest[byte..];
                offset_line += lines;
            }
            None => break,
        }
    }
    result
}

/// Byte offset and line count of the first `---` line at or after line `from` (1-based).
fn next_document_start(text: &str, from: usize) -> Option<(usize, u32)> {
    let mut byte = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let number = i + 1;
        if number > from && (line.starts_with("---") && line[3..].trim().is_empty()) {
            return Some((byte, u32::try_from(i).ok()?));
        }
        byte += line.len();
    }
    None
}

enum Frame {
    Seq { items: Vec<Value>, anchor: usize, pointer: String },
    Map { map: Map<String, Value>, key: Option<String>, anchor: usize, pointer: String },
}

struct Builder {
    offset_line: u32,
    doc_index: usize,
    stack: Vec<Frame>,
    anchors: BTreeMap<usize, Value>,
    /// The current document's positions (packed when the document is done).
    positions: BTreeMap<String, u32>,
    nodes: usize,
    doc_line: u32,
    failed: bool,
    done: Vec<LoadedDocument>,
    problems: Vec<LoadProblem>,
}

impl Builder {
    fn new(offset_line: u32, doc_index: usize) -> Self {
        Self {
            offset_line,
            doc_index,
            stack: Vec::new(),
            anchors: BTreeMap::new(),
            positions: BTreeMap::new(),
            nodes: 0,
            doc_line: 0,
            failed: false,
            done: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn line(&self, mark: Marker) -> u32 {
        self.offset_line + u32::try_from(mark.line()).unwrap_or(u32::MAX)
    }

    /// Pointer at which the next value will be placed.
    fn next_pointer(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Seq { items, pointer, .. }) => format!("{pointer}/{}", items.len()),
            Some(Frame::Map { key: Some(k), pointer, .. }) => pointer::push(pointer, k),
            Some(Frame::Map { pointer, .. }) => pointer.clone(),
        }
    }

    fn fail(&mut self, kind: ProblemKind, line: u32, message: String) {
        if !self.failed {
            self.problems.push(LoadProblem {
                kind,
                line: Some(line),
                document: self.doc_index,
                pointer: self.next_pointer(),
                message,
            });
        }
        self.failed = true;
    }

    fn count(&mut self, n: usize, line: u32) {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES_PER_DOCUMENT {
            self.fail(
                ProblemKind::AliasBomb,
                line,
                format!(
                    "document expands to more than {MAX_NODES_PER_DOCUMENT} values \
                     (aliases repeated too often?); document skipped"
                ),
            );
        }
    }

    /// Places a finished value into its parent (or finishes the document). `recorded` is
    /// the pointer of a mapping or sequence, whose position was recorded when it started
    /// (a scalar's pointer is built here, only where it is needed).
    fn place(&mut self, value: Value, anchor: usize, line: u32, recorded: Option<String>) {
        if self.failed {
            return;
        }
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
        }
        let pointer_needed = match self.stack.last() {
            Some(Frame::Map { key: None, .. }) | None => false,
            Some(_) => recorded.is_none(),
        };
        let fresh = if pointer_needed { Some(self.next_pointer()) } else { None };
        let pointer = || fresh.clone().or_else(|| recorded.clone()).unwrap_or_default();
        match self.stack.last_mut() {
            None => {
                record(&mut self.positions, String::new(), line);
                let positions = Positions::from(&std::mem::take(&mut self.positions));
                if !value.is_null() {
                    self.done.push(LoadedDocument {
                        value,
                        positions: Arc::new(positions),
                        index: self.doc_index,
                        line: self.doc_line,
                    });
                }
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(value);
                if let Some(p) = fresh {
                    record(&mut self.positions, p, line);
                }
            }
            Some(Frame::Map { map, key, .. }) => match key.take() {
                None => {
                    let k = key_text(&value);
                    *key = Some(k);
                }
                Some(k) => {
                    if map.contains_key(&k) {
                        self.problems.push(LoadProblem {
                            kind: ProblemKind::DuplicateKey,
                            line: Some(line),
                            document: self.doc_index,
                            pointer: pointer(),
                            message: format!("duplicate key '{k}'; the last value is kept"),
                        });
                        map.shift_remove(&k);
                    }
                    map.insert(k, value);
                    if let Some(p) = fresh {
                        record(&mut self.positions, p, line);
                    }
                }
            },
        }
    }

    fn key_pending(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = self.line(mark);
        match ev {
            Event::DocumentStart => {
                self.stack.clear();
                self.anchors.clear();
                self.positions.clear();
                self.nodes = 0;
                self.failed = false;
                self.doc_line = line;
            }
            Event::DocumentEnd => self.doc_index += 1,
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, line);
                let as_key = self.key_pending();
                let tag = tag.map(|t| t.suffix);
                let value = resolve_scalar(&text, style, tag.as_deref(), as_key);
                self.place(value, anchor, line, None);
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned().unwrap_or(Value::Null);
                self.count(value_size(&value), line);
                self.place(value, 0, line, None);
            }
            Event::SequenceStart(anchor, _) => {
                self.count(1, line);
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(ProblemKind::TooLarge, line, "nesting too deep".into());
                }
                let pointer = self.next_pointer();
                record(&mut self.positions, pointer.clone(), line);
                self.stack.push(Frame::Seq { items: Vec::new(), anchor, pointer });
            }
            Event::MappingStart(anchor, _) => {
                self.count(1, line);
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(ProblemKind::TooLarge, line, "nesting too deep".into());
                }
                let pointer = self.next_pointer();
                record(&mut self.positions, pointer.clone(), line);
                self.stack.push(Frame::Map { map: Map::new(), key: None, anchor, pointer });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                // A finished collection is kept at its exact size: a growing map or list
                // holds room for up to twice its entries, and the documents stay loaded.
                let (value, anchor, pointer) = match self.stack.pop() {
                    Some(Frame::Seq { mut items, anchor, pointer }) => {
                        items.shrink_to_fit();
                        (Value::Array(items), anchor, pointer)
                    }
                    Some(Frame::Map { map, anchor, pointer, .. }) => {
                        let exact: Map<String, Value> = map.into_iter().collect();
                        (Value::Object(exact), anchor, pointer)
                    }
                    None => return,
                };
                let start = self.positions.get(&pointer).copied().unwrap_or(line);
                self.place(value, anchor, start, Some(pointer));
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }
}

/// Records the line of the value at `pointer` (the first record wins).
fn record(positions: &mut BTreeMap<String, u32>, pointer: String, line: u32) {
    positions.entry(pointer).or_insert(line);
}

fn value_size(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(value_size).sum::<usize>(),
        Value::Object(m) => 1 + m.values().map(value_size).sum::<usize>(),
        _ => 1,
    }
}

fn key_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Resolves a scalar to a JSON value (YAML 1.2 core schema, plus 1.1 octal ints).
fn resolve_scalar(text: &str, style: TScalarStyle, tag: Option<&str>, as_key: bool) -> Value {
    match tag {
        Some("str") => return Value::String(text.to_string()),
        Some("int" | "float") => {
            if let Some(n) = parse_number(text) {
                return Value::Number(n);
            }
        }
        Some("bool") => match text {
            "true" | "True" | "TRUE" => return Value::Bool(true),
            "false" | "False" | "FALSE" => return Value::Bool(false),
            _ => {}
        },
        Some("null") => return Value::Null,
        _ => {}
    }
    if style != TScalarStyle::Plain || as_key {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => parse_number(text).map_or_else(|| Value::String(text.to_string()), Value::Number),
    }
}

fn parse_number(text: &str) -> Option<Number> {
    let t = text.strip_prefix('+').unwrap_or(text);
    let bytes = t.as_bytes();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() {
        return None;
    }
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        // YAML 1.1 octal (Kubernetes file modes such as 0644).
        if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b < b'8') {
            let n = i64::from_str_radix(digits, 8).ok()?;
            return Some(Number::from(if t.starts_with('-') { -n } else { n }));
        }
        if let Ok(n) = t.parse::<i64>() {
            return Some(Number::from(n));
        }
        if let Ok(n) = t.parse::<u64>() {
            return Some(Number::from(n));
        }
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Number::from);
    }
    if let Some(oct) = t.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok().map(Number::from);
    }
    let looks_float = bytes.iter().any(|b| b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && bytes.iter().filter(|b| **b == b'.').count() <= 1;
    if looks_float {
        return t.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn multi_document_with_positions() {
        let r = load("a: 1\nb:\n  c: [x, y]\n---\nkind: Pod\n");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.documents.len(), 2);
        assert_eq!(r.documents[0].value, json!({"a": 1, "b": {"c": ["x", "y"]}}));
        assert_eq!(r.documents[0].positions.line_of("/b/c/1"), Some(3));
        assert_eq!(r.documents[1].positions.line_of("/kind"), Some(5));
        assert_eq!(r.documents[1].index, 1);
    }

    #[test]
    fn scalars_resolve_like_kubernetes() {
        let r = load("a: '1'\nb: 1.0\nc: true\nd: 0644\ne: ~\nf: 2048m\ng: \"x\"\n");
        assert_eq!(
            r.documents[0].value,
            json!({"a": "1", "b": 1.0, "c": true, "d": 420, "e": null, "f": "2048m", "g": "x"})
        );
    }

    #[test]
    fn duplicate_keys_are_reported_and_last_wins() {
        let r = load("job:\n  jarURI: a\n  jarURI: b\n");
        assert_eq!(r.documents[0].value, json!({"job": {"jarURI": "b"}}));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].kind, ProblemKind::DuplicateKey);
        assert_eq!(r.problems[0].line, Some(3));
        assert_eq!(r.problems[0].pointer, "/job/jarURI");
    }

    #[test]
    fn syntax_error_keeps_other_documents() {
        let r = load("a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n");
        assert_eq!(r.documents.len(), 2, "{:?}", r.documents);
        assert_eq!(r.documents[1].value, json!({"d": 4}));
        assert_eq!(r.documents[1].positions.line_of("/d"), Some(6));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].kind, ProblemKind::Syntax);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let r = load(&text);
        assert!(r.documents.is_empty());
        assert_eq!(r.problems[0].kind, ProblemKind::AliasBomb);
    }

    #[test]
    fn json_is_read_with_lines() {
        let r = load("{\n  \"apiVersion\": \"v1\",\n  \"spec\": {\"n\": 2}\n}\n");
        assert_eq!(r.documents[0].value, json!({"apiVersion": "v1", "spec": {"n": 2}}));
        assert_eq!(r.documents[0].positions.line_of("/spec/n"), Some(3));
    }

    #[test]
    fn oversized_input_is_refused() {
        let text = "a".repeat(MAX_INPUT_BYTES + 1);
        let r = load(&text);
        assert_eq!(r.problems[0].kind, ProblemKind::TooLarge);
    }

    #[test]
    fn positions_are_packed_in_pointer_order_and_the_first_record_wins() {
        let mut p = Positions::default();
        for (pointer, line) in [("/b", 3), ("/a/10", 5), ("/a/2", 4), ("", 1), ("/b", 9), ("/a", 2)]
        {
            p.insert(pointer.to_string(), line);
        }
        let got: Vec<(&str, u32)> = p.iter().collect();
        assert_eq!(got, [("", 1), ("/a", 2), ("/a/10", 5), ("/a/2", 4), ("/b", 3)]);
        assert_eq!(p.line_of("/a/2/x"), Some(4));
        assert_eq!(p.line_of("/c"), Some(1));
        let collected: Positions = got.iter().rev().map(|(k, l)| (k.to_string(), *l)).collect();
        assert_eq!(collected, p);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"":1,"/a":2,"/a/10":5,"/a/2":4,"/b":3}"#);
        assert_eq!(serde_json::from_str::<Positions>(&json).unwrap(), p);
    }
}

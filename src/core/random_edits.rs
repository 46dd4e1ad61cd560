//! Test support: a realistic design (generated plus the real corpus) and random
//! (deterministic seed) edits of it — value changes, renames, removals, duplicates,
//! reorders, source-position shifts and moves — for invariants that must hold after
//! any sequence of edits (incremental validation, the worker's replica).

use std::fs;

use serde_json::{Value, json};

use super::design::{Design, Point};
use super::generate;
use super::import::import_text;

/// A tiny deterministic generator (64-bit LCG).
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A generated design plus every corpus manifest (many rules fire on it).
pub fn corpus_design() -> Design {
    let mut design = generate::design(30);
    let root = super::shared_material::path("corpus");
    for folder in ["community", "fko-examples", "cfk-examples"] {
        let Ok(entries) = fs::read_dir(root.join(folder)) else { continue };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files.iter().filter(|p| p.extension().is_some_and(|x| x != "md")) {
            let text = fs::read_to_string(f).expect("read corpus file");
            import_text(&mut design, &f.display().to_string(), &text);
        }
    }
    design.assign_scopes(None, None);
    design
}

/// Values an edit may write: names that exist, scheme and version spellings, bad ones.
const POOL: &[&str] = &[
    "flink",
    "team-0",
    "team-1",
    "session",
    "env-0",
    "pool-0",
    "catalog-0",
    "kafka-conn-0",
    "v1_19",
    "v1_20",
    "v2_0",
    "none",
    "kubernetes",
    "s3://bucket/x",
    "file:///flink-data/cp",
    "local:///opt/flink/x.jar",
    "1024m",
    "2g",
    "0.5",
    "savepoint",
    "last-state",
    "",
];
const KEYS: &[&str] = &[
    "high-availability.type",
    "state.checkpoints.dir",
    "execution.checkpointing.interval",
    "taskmanager.numberOfTaskSlots",
    "job.autoscaler.enabled",
    "serviceAccount",
    "namespace",
    "name",
    "image",
    "flinkVersion",
    "parallelism",
];

/// A random path to some value of `doc` (object keys and array indexes).
fn random_path(doc: &Value, rng: &mut Rng) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = doc;
    loop {
        let next = match at {
            Value::Object(m) if !m.is_empty() && rng.below(4) != 0 => {
                let (k, v) = m.iter().nth(rng.below(m.len())).expect("in range");
                path.push(k.clone());
                v
            }
            Value::Array(a) if !a.is_empty() && rng.below(4) != 0 => {
                let i = rng.below(a.len());
                path.push(i.to_string());
                &a[i]
            }
            _ => return path,
        };
        at = next;
    }
}

fn at_path<'v>(doc: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(doc, |v, p| match v {
        Value::Object(m) => m.get_mut(p),
        Value::Array(a) => p.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
        _ => None,
    })
}

fn pick(rng: &mut Rng, list: &[&str]) -> String {
    list[rng.below(list.len())].to_string()
}

fn edit_value(doc: &mut Value, rng: &mut Rng) {
    let path = random_path(doc, rng);
    let choice = rng.below(3);
    let (key, value) = (pick(rng, KEYS), pick(rng, POOL));
    let Some(v) = at_path(doc, &path) else { return };
    if let Some(n) = v.as_i64() {
        *v = json!(n + 1);
        return;
    }
    match (v, choice) {
        (Value::Object(m), 0) => {
            m.insert(key, json!(value));
        }
        (Value::Object(m), _) if !m.is_empty() => {
            let k = m.keys().nth(rng.below(m.len())).cloned().expect("in range");
            m.shift_remove(&k);
        }
        (v, _) => *v = json!(value),
    }
}

/// One random edit of `design`.
pub fn edit(design: &mut Design, rng: &mut Rng) {
    let n = design.resources.len();
    let i = rng.below(n);
    match rng.below(10) {
        0 => {
            design.resources.remove(i);
        }
        1 => {
            let copy = design.resources[i].clone();
            design.push(copy);
        }
        2 => design.resources.swap(i, rng.below(n)),
        3 => {
            let j = rng.below(n);
            let origin = design.resources[j].origin.clone();
            design.resources[i].origin = origin;
        }
        4 => {
            let id = design.resources[i].id;
            design.layout.insert(id, Point { x: rng.below(900) as f64, y: 3.0 });
        }
        5 => {
            if let Some(name) = design.resources[i].doc.pointer_mut("/metadata/name") {
                *name = json!(pick(rng, POOL));
            }
        }
        _ => edit_value(&mut design.resources[i].doc, rng),
    }
}

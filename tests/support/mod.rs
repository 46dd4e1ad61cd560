//! Helpers shared by the integration tests: where `../shared` is, and the corpus as
//! designs. Each test binary uses a part of it.
#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use flink_studio::core::design::Design;
use flink_studio::core::import::import_text;

/// `path` inside the shared reference folder (`core::shared_material`).
pub fn shared(path: &str) -> PathBuf {
    flink_studio::core::shared_material::path(path)
}

/// The manifests (`.yaml`, `.yml`, `.json`) of a corpus folder, sorted.
pub fn corpus_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(shared("corpus").join(folder))
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"))
        .collect();
    files.sort();
    files
}

/// One design of `files`, imported under their file names, scopes assigned.
pub fn design_of(files: &[PathBuf]) -> Design {
    let mut d = Design::new();
    for f in files {
        let text = fs::read_to_string(f).expect("read");
        import_text(&mut d, &f.file_name().unwrap().to_string_lossy(), &text);
    }
    d.assign_scopes(None, None);
    d
}

/// Every corpus design: each file alone, and each folder as one design.
pub fn corpus_designs() -> Vec<(String, Design)> {
    let mut out = Vec::new();
    for folder in ["fko-examples", "cfk-examples", "community"] {
        let files = corpus_files(folder);
        for f in &files {
            out.push((f.display().to_string(), design_of(std::slice::from_ref(f))));
        }
        out.push((folder.to_string(), design_of(&files)));
    }
    out
}

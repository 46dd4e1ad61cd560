//! Tidy tests: the architecture invariants that the compiler alone does not enforce.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn core_uses_no_browser_crate_clock_or_file_system() {
    let forbidden = [
        "leptos::",
        "web_sys::",
        "gloo_net::",
        "gloo::",
        "wasm_bindgen::",
        "js_sys::",
        "std::fs",
        "Instant::now",
        "SystemTime::now",
        "std::net",
    ];
    let mut hits = Vec::new();
    let mut files = rust_files(&root().join("src/core"));
    files.push(root().join("src/core.rs"));
    for file in files {
        let text = fs::read_to_string(&file).expect("read");
        // Tests inside core files may read the shared corpus from disk.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            for f in forbidden {
                if line.contains(f) {
                    hits.push(format!("{}:{}: uses {f}", file.display(), i + 1));
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "src/core must stay pure (no browser crates, no I/O):\n{}",
        hits.join("\n")
    );
}

#[test]
fn every_core_file_has_a_module_doc() {
    let mut missing = Vec::new();
    let mut files = rust_files(&root().join("src/core"));
    files.push(root().join("src/core.rs"));
    for file in files {
        let text = fs::read_to_string(&file).expect("read");
        if !text.trim_start().starts_with("//!") {
            missing.push(file.display().to_string());
        }
    }
    assert!(missing.is_empty(), "files without a //! module doc:\n{}", missing.join("\n"));
}

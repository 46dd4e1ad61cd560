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

/// Files of modules declared as `#[cfg(test)] mod name;`: test code, allowed to read the
/// shared corpus from disk.
fn test_only_files(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).expect("read");
        let dir = file.with_extension("");
        let mut after_cfg_test = false;
        for line in text.lines().map(str::trim) {
            if let (true, Some(name)) = (
                after_cfg_test,
                line.trim_start_matches("pub(crate) ")
                    .strip_prefix("mod ")
                    .and_then(|l| l.strip_suffix(';')),
            ) {
                out.push(dir.join(format!("{name}.rs")));
            }
            after_cfg_test = line == "#[cfg(test)]";
        }
    }
    out
}

fn core_files() -> Vec<PathBuf> {
    let mut files = rust_files(&root().join("src/core"));
    files.push(root().join("src/core.rs"));
    files
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
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "ToSocketAddrs",
    ];
    let mut hits = Vec::new();
    let files = core_files();
    let tests = test_only_files(&files);
    for file in files.iter().filter(|f| !tests.contains(f)) {
        let text = fs::read_to_string(file).expect("read");
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
    let files = core_files();
    let tests = test_only_files(&files);
    for file in files.iter().filter(|f| !tests.contains(f)) {
        let text = fs::read_to_string(file).expect("read");
        if !text.trim_start().starts_with("//!") {
            missing.push(file.display().to_string());
        }
    }
    assert!(missing.is_empty(), "files without a //! module doc:\n{}", missing.join("\n"));
}

#[test]
fn lower_core_layers_never_import_the_rules() {
    // The rules judge what these modules compute; an import the other way round is the
    // layering inversion the hasher once was (graph → rules::FastMap).
    let layers = ["hash", "pointer", "model", "flink", "graph", "config"];
    let mut hits = Vec::new();
    for layer in layers {
        let mut files = vec![root().join(format!("src/core/{layer}.rs"))];
        let dir = root().join(format!("src/core/{layer}"));
        if dir.is_dir() {
            files.extend(rust_files(&dir));
        }
        for file in files {
            let text = fs::read_to_string(&file).expect("read");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if code.contains("core::rules") || code.contains("super::rules") {
                    hits.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "core::{{{}}} must not import core::rules:\n{}",
        layers.join(","),
        hits.join("\n")
    );
}

/// Files allowed to spell Flink versions as the CRD enum does (`v1_19`) below `src/core/rules`
/// and `src/ui`: none.
const VERSION_LITERAL_EXEMPT: &[&str] = &[];

/// True when `line` spells a Flink version as the CRD enum does: `v1_10`…`v1_20`, `v2_0`…`v2_9`.
fn has_enum_version(line: &str) -> bool {
    let b = line.as_bytes();
    (0..b.len()).any(|i| {
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        at(0) == b'v'
            && at(2) == b'_'
            && match at(1) {
                b'1' => {
                    (at(3) == b'1' && at(4).is_ascii_digit()) || (at(3) == b'2' && at(4) == b'0')
                }
                b'2' => at(3).is_ascii_digit(),
                _ => false,
            }
    })
}

#[test]
fn flink_versions_are_spelled_only_in_the_facts_layer() {
    // Every Flink version the rules or the UI need comes from `core::flink::version` (the
    // version table), so that adding a release is one row there. Test fixtures spell
    // versions through it too (`FlinkVersion::new(1, 20).enum_name()`).
    let mut hits = Vec::new();
    for dir in ["src/core/rules", "src/ui"] {
        for file in rust_files(&root().join(dir)) {
            let rel = file.strip_prefix(root()).expect("under the root").display().to_string();
            if VERSION_LITERAL_EXEMPT.contains(&rel.as_str()) {
                continue;
            }
            let text = fs::read_to_string(&file).expect("read");
            for (n, line) in text.lines().enumerate() {
                if has_enum_version(line) {
                    hits.push(format!("{rel}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "Flink versions spelled outside core::flink::version (use the version table):\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_version_literal_check_sees_what_the_grep_sees() {
    for hit in ["\"v1_19\"", "flinkVersion: v2_3", "v1_10", "v1_20 ", "(v2_0)"] {
        assert!(has_enum_version(hit), "{hit}");
    }
    for miss in ["v1_2", "v1_21", "v3_0", "1.19", "vX_Y", "v1_9"] {
        assert!(!has_enum_version(miss), "{miss}");
    }
}

/// The rule families (`src/core/rules/<family>.rs` with a `<family>/` folder).
fn rule_families() -> Vec<String> {
    let dir = root().join("src/core/rules");
    let mut out: Vec<String> = fs::read_dir(&dir)
        .expect("rules dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "validator")
        .collect();
    out.sort();
    out
}

#[test]
fn rule_families_keep_no_private_domain_layer() {
    // Domain facts live in the core (`core::flink`, `core::cluster`, `core::model`,
    // `core::credentials`); a family keeps at most a `shared.rs` of its own logic, and no
    // `util.rs` / `conf.rs` / `specs.rs` shadow of the domain.
    let mut found = Vec::new();
    for family in rule_families() {
        let dir = root().join("src/core/rules").join(&family);
        for name in ["util.rs", "conf.rs", "specs.rs"] {
            if dir.join(name).exists() {
                found.push(format!("src/core/rules/{family}/{name}"));
            }
        }
    }
    assert!(found.is_empty(), "private domain layers are back:\n{}", found.join("\n"));
}

#[test]
fn no_rule_family_imports_another() {
    // What two families both need is a domain fact (it belongs in the core) or the
    // reference policy (`rules::missing`), never one family's module.
    let families = rule_families();
    let mut hits = Vec::new();
    for family in &families {
        for file in rust_files(&root().join("src/core/rules").join(family)) {
            let text = fs::read_to_string(&file).expect("read");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for other in families.iter().filter(|o| *o != family) {
                    if code.contains(&format!("rules::{other}::")) {
                        hits.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(hits.is_empty(), "cross-family rule imports:\n{}", hits.join("\n"));
}

#[test]
fn cluster_facts_and_configuration_never_read_the_rules() {
    let mut files = rust_files(&root().join("src/core/cluster"));
    files.extend(rust_files(&root().join("src/core/config")));
    files.extend(rust_files(&root().join("src/core/podtemplate")));
    for f in ["cluster.rs", "config.rs", "podtemplate.rs"] {
        files.push(root().join("src/core").join(f));
    }
    let mut hits = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read");
        for (i, line) in text.lines().enumerate() {
            let code = !line.trim_start().starts_with("//");
            if code && (line.contains("core::rules") || line.contains("super::rules")) {
                hits.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(hits.is_empty(), "the facts layer must not depend on the rules:\n{}", hits.join("\n"));
}

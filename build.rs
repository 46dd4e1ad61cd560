//! Writes the option catalog's compact form (`$OUT_DIR/flink-options.txt`) from
//! `data/flink-options.json`; see `src/core/options/compact.rs`.

#[path = "src/core/options/compact.rs"]
#[allow(dead_code)]
mod compact;

fn main() {
    println!("cargo::rerun-if-changed=data/flink-options.json");
    println!("cargo::rerun-if-changed=src/core/options/compact.rs");
    let json = std::fs::read_to_string("data/flink-options.json")
        .unwrap_or_else(|e| panic!("read data/flink-options.json: {e}"));
    let text = compact::compact(&json)
        .unwrap_or_else(|e| panic!("data/flink-options.json cannot be compacted: {e}"));
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = std::path::Path::new(&out_dir).join("flink-options.txt");
    std::fs::write(&out, text).unwrap_or_else(|e| panic!("write {}: {e}", out.display()));
}

//! Where the project's shared reference material is (`shared/`: the corpus of real
//! manifests, the FKO CRDs, the CMF OpenAPI specs, the Flink option names), for the tests,
//! benches and generators that compare the embedded copies with it. One lookup for all of
//! them; not part of the browser build.

use std::path::{Path, PathBuf};

/// The `shared/` folder: `$FLINK_STUDIO_SHARED`, else next to the checkout (`../shared`)
/// or next to its worktree folder (`../../shared`), else next to the repository this
/// checkout was cloned from (a `git clone . /tmp/x` finds it through `origin`).
pub fn dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let from_env = std::env::var_os("FLINK_STUDIO_SHARED").map(PathBuf::from);
    let beside = |base: &Path| [base.join("../shared"), base.join("../../shared")];
    from_env
        .into_iter()
        .chain(beside(root))
        .chain(origin(root).iter().flat_map(|o| beside(o)))
        .find(|p| p.join("specs").is_dir())
}

/// `relative` inside the shared folder; panics with where it was looked for.
pub fn path(relative: &str) -> PathBuf {
    dir().map(|d| d.join(relative)).unwrap_or_else(|| {
        panic!(
            "shared/{relative} not found: set FLINK_STUDIO_SHARED, or keep shared/ next to the \
             checkout ({}/../shared) or next to the repository it was cloned from",
            env!("CARGO_MANIFEST_DIR")
        )
    })
}

/// The local repository `root` was cloned from, if `origin` is a folder.
fn origin(root: &Path) -> Option<PathBuf> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["remote", "get-url", "origin"])
        .output()
        .ok()?;
    let url = String::from_utf8(out.stdout).ok()?;
    let url = url.trim().trim_start_matches("file://");
    let path = PathBuf::from(url);
    path.is_dir().then_some(path)
}

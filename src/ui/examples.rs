//! Example designs offered by "Examples" (embedded; also served under `examples/`).

use super::analysis::SourceFile;

/// One example design.
pub struct Example {
    /// Stable id (the `<option>` value).
    pub id: &'static str,
    /// Title shown in the select.
    pub title: &'static str,
    /// Its files: name and text.
    pub files: &'static [(&'static str, &'static str)],
}

/// Every example; the first is loaded on a first visit.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "fko-checkpointed",
        title: "FKO: checkpointed application",
        files: &[(
            "fko-checkpointed.yaml",
            include_str!("../../public/examples/fko-checkpointed.yaml"),
        )],
    },
    Example {
        id: "cmf-application",
        title: "CMF: environment and application (REST JSON)",
        files: &[
            ("cmf-environment.json", include_str!("../../public/examples/cmf-environment.json")),
            ("cmf-application.json", include_str!("../../public/examples/cmf-application.json")),
        ],
    },
    Example {
        id: "broken",
        title: "Broken: invalid names, repeated key",
        files: &[("broken.yaml", include_str!("../../public/examples/broken.yaml"))],
    },
];

/// The files of the example `id`.
pub fn files(id: &str) -> Option<Vec<SourceFile>> {
    let e = EXAMPLES.iter().find(|e| e.id == id)?;
    Some(e.files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect())
}

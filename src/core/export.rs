//! Export: kubectl-ready YAML and CMF REST JSON payloads.
//!
//! STUB: to be implemented.

use super::design::Design;

/// One exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Suggested file name.
    pub name: String,
    /// Content.
    pub content: String,
}

/// Options of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Include secret values (Kubernetes `data`/`stringData`, CMF secret `data`).
    /// Off by default: values are replaced by placeholders.
    pub include_secrets: bool,
}

/// The design as one multi-document YAML stream that `kubectl apply -f` accepts.
pub fn kubectl(design: &Design, options: ExportOptions) -> String {
    let _ = (design, options);
    String::new()
}

/// The design's CMF objects as CMF REST JSON payloads, one file per resource, in
/// dependency order.
pub fn cmf(design: &Design, options: ExportOptions) -> Vec<ExportFile> {
    let _ = (design, options);
    Vec::new()
}

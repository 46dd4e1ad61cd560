//! Image and version consistency (domain.md §4.P).

mod image_family;
mod session_job_jar;
mod unpinned;
mod version_mismatch;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &version_mismatch::VersionMismatch,
    &unpinned::Unpinned,
    &image_family::ImageFamily,
    &session_job_jar::SessionJobJar,
];

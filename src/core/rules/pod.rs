//! Pod templates and storage (domain.md §4.L).

mod claim_access_mode;
mod state_dir_unmounted;
pub(in crate::core::rules) mod util;
mod volume_not_durable;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &state_dir_unmounted::StateDirUnmounted,
    &volume_not_durable::VolumeNotDurable,
    &claim_access_mode::ClaimAccessMode,
];

//! Pod templates and storage (domain.md §4.L).

mod claim_access_mode;
mod filesystem_plugin;
mod main_container_name;
mod overwritten_fields;
mod positional_merge;
mod shared;
mod state_dir_unmounted;
mod template_envelope;
mod undeclared_volume;
mod volume_not_durable;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &main_container_name::MainContainerName,
    &positional_merge::PositionalMerge,
    &undeclared_volume::UndeclaredVolume,
    &state_dir_unmounted::StateDirUnmounted,
    &volume_not_durable::VolumeNotDurable,
    &claim_access_mode::ClaimAccessMode,
    &overwritten_fields::OverwrittenFields,
    &template_envelope::TemplateEnvelope,
    &filesystem_plugin::FilesystemPlugin,
];

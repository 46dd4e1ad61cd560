//! Flink configuration keys and values, layering conflicts (domain.md §4.M).

mod alias_conflict;
mod bare_duration;
mod deprecated_key;
mod environment_overrides_app;
mod ha_storage_dir;
mod ha_type;
mod ha_zookeeper;
mod legacy_state_backend;
mod malformed_key;
mod managed_network_key;
mod no_checkpoints;
mod operator_only_key;
mod overridden_by_spec;
mod parallelism_source;
mod placeholder;
mod pool_vs_environment;
mod rocksdb_block_size;
mod shared;
mod state_backend;
mod stateless_dirs;
mod statement_defaults_override;
mod unknown_key;
mod unknown_option;
mod unparseable_value;
mod unverified_merge;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &state_backend::StateBackend,
    &legacy_state_backend::LegacyStateBackend,
    &ha_type::HaType,
    &ha_storage_dir::HaStorageDir,
    &ha_zookeeper::HaZookeeper,
    &malformed_key::MalformedKey,
    &unknown_key::UnknownKey,
    &unknown_option::UnknownOption,
    &alias_conflict::AliasConflict,
    &deprecated_key::DeprecatedKey,
    &unparseable_value::UnparseableValue,
    &bare_duration::BareDuration,
    &placeholder::Placeholder,
    &overridden_by_spec::OverriddenBySpec,
    &parallelism_source::ParallelismSource,
    &no_checkpoints::NoCheckpoints,
    &stateless_dirs::StatelessDirs,
    &operator_only_key::OperatorOnlyKey,
    &managed_network_key::ManagedNetworkKey,
    &rocksdb_block_size::RocksdbBlockSize,
    &environment_overrides_app::EnvironmentOverridesApp,
    &pool_vs_environment::PoolVsEnvironment,
    &statement_defaults_override::StatementDefaultsOverride,
    &unverified_merge::UnverifiedMerge,
];

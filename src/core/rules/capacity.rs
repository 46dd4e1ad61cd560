//! Capacity and resources (domain.md §4.O).

mod estimate;
mod memory_floor;
mod memory_units;
mod replicas_parallelism;
mod shared;
mod shared_pool;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &estimate::Estimate,
    &replicas_parallelism::ReplicasParallelism,
    &shared_pool::SharedPool,
    &memory_floor::MemoryFloor,
    &memory_units::MemoryUnits,
];

//! Version pre-flight: what breaks when the operator, CMF or a job's Flink version moves.
//! (Filled in by the pre-flight step.)

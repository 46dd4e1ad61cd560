//! Scenario tests: for each upgrade mode and each kind, a change whose state is kept and
//! one whose state is lost, with the verdict a user would read.

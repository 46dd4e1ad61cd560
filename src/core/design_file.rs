//! The studio design file (stub).

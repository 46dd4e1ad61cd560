//! Browser UI.

//! Credential detection: the one home of "which keys name a credential, which values are
//! literal secrets, and where a document keeps them".
//!
//! * [`is_credential_key`], [`is_literal`], [`entries`]: keys and values (`s3.secret-key`
//!   with a literal value; `${VAR}` placeholders are not secrets).
//! * [`secrets_in`], [`command_line_credential`]: secrets inside texts — command lines
//!   (`--db-password x`, `--password=x`, `SECRET=x`, `mc alias set … KEY SECRET`), JAAS
//!   strings (`password="…"` inside `sasl.jaas.config`), SQL options (`'password' = '…'`)
//!   and connection strings (`scheme://user:pass@host`).
//! * [`places`]: every place of a document holding a secret value, as a JSON Pointer, a
//!   [`SecretKind`] and, for a secret inside a text, its byte range: Kubernetes Secret
//!   `data`/`stringData`, CMF Secret `spec.data`, configuration values under credential
//!   keys (Flink configuration, operator defaults, catalog and database
//!   `connectionConfig`s, any map), container `env` values (by variable name, or a
//!   credential inside the value), `command`/`args` lists (a flag and its value may be two
//!   elements), annotations (including `kubectl`'s last applied configuration), PEM
//!   private keys, and credentials inside any other text.
//! * [`redact`], [`redacted`], [`without_secret_values`]: copies with those values
//!   replaced (the whole value, or only the secret inside a text), structure kept — inside
//!   arrays too.
//!
//! Users: the security rules (`SEC-CRED-*`), share links (`core::share`), the export's
//! "without secrets" path (`core::export`, `core::cmf::script`) and the studio's autosave
//! (`core::autosave`).

mod keys;
mod redact;
mod text;
mod walk;

#[cfg(test)]
mod tests;

pub use keys::{entries, is_credential_key, is_literal};
pub use redact::{Forgotten, forgotten, label, redact, redacted, without_secret_values};
pub use text::{TextSecret, command_line_credential, is_private_key, secrets_in};
pub use walk::{Place, SecretKind, places};

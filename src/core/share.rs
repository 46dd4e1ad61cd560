//! Share links: a whole design in a URL fragment, without its secrets.
//!
//! Payload: `1.` (the format version) followed by the design file text (see
//! [`crate::core::design_file`]) compressed with raw deflate and encoded as base64url
//! without padding. Secret values are left out before encoding ([`Share::redacted`] says
//! which resources lost some), so a link never carries a credential.
//!
//! [`LIMIT`] is 8,192 characters. Browsers accept URLs of megabytes, but chat tools,
//! issue trackers and mail clients cut or refuse long links around that size, and a link
//! that arrives cut is worse than a clear "too large, save the design file instead".
//! Decoding caps the inflated text at [`MAX_INFLATED`] so a crafted link cannot exhaust
//! memory.

mod base64url;
mod redact;

use std::fmt;

pub use redact::without_secrets;

use super::design::Design;
use super::design_file;

/// Longest payload [`encode`] produces, in characters.
pub const LIMIT: usize = 8_192;
/// Largest design file text [`decode`] inflates, in bytes (4 MiB).
pub const MAX_INFLATED: usize = 4 * 1024 * 1024;
/// Format version written as the payload's prefix.
pub const VERSION: u32 = 1;
/// Name of the URL fragment parameter the studio uses (`#design=1.…`).
pub const FRAGMENT_KEY: &str = "design";

/// An encoded design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The fragment payload (`1.…`), at most [`LIMIT`] characters.
    pub payload: String,
    /// Resources whose secret values were left out (`Secret/kafka-credentials`).
    pub redacted: Vec<String>,
    /// Artifacts whose file attached to the design was left out (`Artifact/job.jar`):
    /// a link never carries an artifact's content.
    pub detached: Vec<String>,
}

impl Share {
    /// What to tell the user about left-out secrets, if anything.
    pub fn notice(&self) -> Option<String> {
        let secrets = match self.redacted.len() {
            0 => None,
            n => Some(format!(
                "secret values of {n} resource{} left out of the link: {}",
                if n == 1 { " were" } else { "s were" },
                self.redacted.join(", ")
            )),
        };
        let files = (!self.detached.is_empty()).then(|| {
            format!(
                "the files attached to {} were left out of the link (save the design file to \
                 share them)",
                self.detached.join(", ")
            )
        });
        let parts: Vec<String> = secrets.into_iter().chain(files).collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// A decoded share link.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The design (secret values are `<redacted>`).
    pub design: Design,
    /// The design's name.
    pub name: String,
}

/// Why a design cannot be shared, or a link cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The payload would exceed [`LIMIT`].
    TooLarge {
        /// Characters the payload would have.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// The link was written by another version of the studio.
    WrongVersion {
        /// The version found.
        found: String,
    },
    /// The link is damaged (cut, mistyped): says where.
    Corrupt(String),
    /// The link inflates to more than [`MAX_INFLATED`] bytes.
    InflatesTooLarge,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLarge { chars, limit } => write!(
                f,
                "the design is too large for a link ({chars} characters, the limit is \
                 {limit}); save it as a design file and share the file instead"
            ),
            ShareError::WrongVersion { found } => write!(
                f,
                "this link was made by another version of Flink Studio (format {found}, this \
                 one reads {VERSION})"
            ),
            ShareError::Corrupt(why) => {
                write!(f, "the link is damaged, perhaps cut when it was copied: {why}")
            }
            ShareError::InflatesTooLarge => write!(
                f,
                "the link unpacks to more than {} MiB, more than any design; it was not opened",
                MAX_INFLATED / 1024 / 1024
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// Encodes a design (named `name`) as a fragment payload, without secret values and
/// without artifact files attached to it.
pub fn encode(design: &Design, name: &str) -> Result<Share, ShareError> {
    let (bare, detached) = super::model::artifact::without_attachments(design);
    let (clean, redacted) = without_secrets(&bare);
    let text = design_file::save(&clean, name);
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10);
    let payload = format!("{VERSION}.{}", base64url::encode(&packed));
    if payload.len() > LIMIT {
        return Err(ShareError::TooLarge { chars: payload.len(), limit: LIMIT });
    }
    Ok(Share { payload, redacted, detached })
}

/// Decodes a payload; accepts it bare (`1.…`) or as the fragment (`#design=1.…`).
pub fn decode(fragment: &str) -> Result<Decoded, ShareError> {
    let payload = fragment.trim().trim_start_matches('#');
    let payload = payload.strip_prefix(&format!("{FRAGMENT_KEY}=")).unwrap_or(payload);
    let Some((version, body)) = payload.split_once('.') else {
        return Err(ShareError::Corrupt("it has no version prefix ('1.')".into()));
    };
    if version != VERSION.to_string() {
        return Err(ShareError::WrongVersion { found: version.chars().take(12).collect() });
    }
    let packed = base64url::decode(body).map_err(ShareError::Corrupt)?;
    let text =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED).map_err(|e| {
            match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::InflatesTooLarge,
                _ => ShareError::Corrupt("its compressed data is incomplete or invalid".into()),
            }
        })?;
    let text = String::from_utf8(text)
        .map_err(|_| ShareError::Corrupt("it does not unpack to text".into()))?;
    if !design_file::is_design_file(&text) {
        return Err(ShareError::Corrupt("it does not hold a Flink Studio design".into()));
    }
    let mut loaded = design_file::load("share link", &text);
    let next = loaded.design.resources.iter().map(|r| r.id.0 + 1).max().unwrap_or(0);
    loaded.design.set_id_counter(next);
    Ok(Decoded { design: loaded.design, name: loaded.name })
}

#[cfg(test)]
mod tests;

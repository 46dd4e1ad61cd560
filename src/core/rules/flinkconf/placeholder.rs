//! CFG-VAL-003 — `${…}` placeholders in configuration values.
//!
//! What it checks: values containing `${…}`.
//! Why: neither FKO nor CMF substitutes placeholders; they are only expanded when the
//! image's entrypoint substitutes environment variables in the config file (the official
//! Flink images can; custom images may not), otherwise Flink sees the literal text.
//! How to fix: verify your image expands them, or write the value (or use a secret
//! mounted as a file / environment variable read by the component itself).

use super::shared::{has_placeholder, maps};
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct Placeholder;

impl Rule for Placeholder {
    fn id(&self) -> &'static str {
        "CFG-VAL-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Configuration value contains a ${…} placeholder that FKO/CMF do not expand"
    }
    fn judges_placeholders(&self) -> bool {
        true
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            for i in m.items().into_iter().filter(|i| has_placeholder(&i.value)) {
                out.report(m.owner, &i.pointer, format!("{}='{}' contains a placeholder", i.key, i.value)).hint(
                    "placeholders are only expanded if the image entrypoint substitutes env vars in the \
                     config file; FKO/CMF do not — verify for your image",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_placeholders_only() {
        let f = check(
            &Placeholder,
            "name: prod\nkubernetesNamespace: flink\nflinkApplicationDefaults:\n  spec:\n    \
             flinkConfiguration:\n      s3.secret-key: ${S3_SECRET}\n      pipeline.name: $literal\n",
        );
        assert_eq!(
            pointers(&f),
            [(
                "/flinkApplicationDefaults/spec/flinkConfiguration/s3.secret-key".into(),
                Severity::Warning
            )]
        );
        assert_eq!(f[0].line, Some(6));
    }
}

//! CMF-APP-004 — CMF applications use a Confluent Platform Flink image.
//!
//! What it checks: a FlinkApplication's `spec.image` is neither `confluentinc/cp-flink`
//! (any registry, any tag) nor `cp-flink-sql` (the SQL family is IMG-003's concern).
//! Why: CMF documents that the image must be a CP Flink image or derived from one; a
//! plain `flink:` or a home-made image without the CP base may lack what CMF expects.
//! How to fix: use `confluentinc/cp-flink:<version>` or build FROM it; if your image is
//! already derived from it, this warning can be ignored.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::flink::image::{self, CP_FLINK, CP_FLINK_SQL};

/// See the module documentation.
pub struct AppImage;

impl Rule for AppImage {
    fn id(&self) -> &'static str {
        "CMF-APP-004"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "CMF expects a Confluent Platform Flink image (cp-flink) or a derivative"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Application) {
            let Some(image) = r.spec_str(&["image"]) else { continue };
            if [CP_FLINK, CP_FLINK_SQL].contains(&image::parse(image).name) {
                continue;
            }
            out.report(
                r,
                &r.spec_field(&["image"]),
                format!("image '{image}' is not a Confluent Platform Flink image"),
            )
            .hint("use confluentinc/cp-flink:<version> or an image built FROM it (ignore this if it is)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const APP: &str = "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app1}\nspec:\n  image: ";

    #[test]
    fn fires_on_a_custom_image() {
        let f = check(&AppImage, &format!("{APP}rental-dsp:latest\n"));
        assert_eq!(pointers(&f), [("/spec/image".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_cp_flink() {
        assert!(
            check(&AppImage, &format!("{APP}my.registry/confluentinc/cp-flink:1.19.1-cp1\n"))
                .is_empty()
        );
    }
}

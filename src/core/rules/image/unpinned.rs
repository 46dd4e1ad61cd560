//! IMG-002 — unpinned images and `imagePullPolicy: Never`.
//!
//! What it checks: `image` of every deployment-like spec without a tag or digest, or tagged
//! `latest`; and `imagePullPolicy: Never`.
//! Why: an unpinned image changes under a running job (a restart may pull another Flink
//! version, breaking savepoint compatibility); `Never` only works with images pre-loaded on
//! every node (kind/minikube), and pods stay in `ErrImageNeverPull` elsewhere.
//! How to fix: pin a version tag (or digest); use `IfNotPresent` with a registry.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::flink::image;

/// See the module documentation.
pub struct Unpinned;

impl Rule for Unpinned {
    fn id(&self) -> &'static str {
        "IMG-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Pin the image to a version tag; imagePullPolicy Never only works with pre-loaded images"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                if let Some(image) = site.str(&["image"]) {
                    let i = image::parse(image);
                    let unpinned = i.digest.is_none() && i.tag.is_none_or(|t| t == "latest");
                    if unpinned {
                        out.report(
                            r,
                            &site.field(&["image"]),
                            format!("image {image} is not pinned to a version"),
                        )
                        .hint("use an explicit version tag (or a digest)");
                    }
                }
                if site.str(&["imagePullPolicy"]) == Some("Never") {
                    out.report(
                        r,
                        &site.field(&["imagePullPolicy"]),
                        "imagePullPolicy Never only works with images pre-loaded on every node",
                    )
                    .hint("push the image to a registry and use IfNotPresent");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_latest_and_never() {
        let f = check(
            &Unpinned,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec:\n  \
             image: rental-dsp:latest\n  imagePullPolicy: Never\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/image".into(), Severity::Warning),
                ("/spec/imagePullPolicy".into(), Severity::Warning)
            ]
        );
        assert_eq!(f[1].line, Some(6));
    }

    #[test]
    fn silent_on_pinned_images() {
        let f = check(
            &Unpinned,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d}\nspec: {image: 'flink:1.20.1'}\n",
        );
        assert!(f.is_empty());
    }
}

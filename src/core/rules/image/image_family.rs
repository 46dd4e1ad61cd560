//! IMG-003 — SQL runtime image on an application, or application image on a pool.
//!
//! What it checks: CMF FlinkApplications (and environment `flinkApplicationDefaults`) whose
//! image is `cp-flink-sql`, and compute pools (and `computePoolDefaults`) whose image is
//! `cp-flink` rather than `cp-flink-sql`.
//! Why: `cp-flink-sql` is the runtime CMF starts for SQL statements (it carries the
//! statement runner); `cp-flink` is the base for application jars. Swapped, statements do not
//! start and applications ship an unexpected entrypoint.
//! How to fix: use `confluentinc/cp-flink` (or an image built on it) for applications and
//! `confluentinc/cp-flink-sql` for compute pools.

use crate::core::cluster::SiteKind;
use crate::core::finding::Severity;
use crate::core::flink::image::{self, CP_FLINK, CP_FLINK_SQL};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ImageFamily;

impl Rule for ImageFamily {
    fn id(&self) -> &'static str {
        "IMG-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Applications use cp-flink images, compute pools cp-flink-sql images"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let Some(image) = site.str(&["image"]) else { continue };
                let name = image::parse(image).name;
                let (wrong, want) = match site.kind {
                    SiteKind::Application | SiteKind::ApplicationDefaults => {
                        (name == CP_FLINK_SQL, "confluentinc/cp-flink")
                    }
                    SiteKind::ComputePool | SiteKind::ComputePoolDefaults => {
                        (name == CP_FLINK, "confluentinc/cp-flink-sql")
                    }
                    _ => continue,
                };
                if wrong {
                    let what =
                        if want.ends_with("sql") { "a compute pool" } else { "an application" };
                    out.report(
                        r,
                        &site.field(&["image"]),
                        format!("image {image} is the wrong family for {what}"),
                    )
                    .hint(format!("use {want}:<version>"));
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
    fn fires_on_swapped_families() {
        let f = check(
            &ImageFamily,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec: {image: 'confluentinc/cp-flink-sql:1.19-cp8'}\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: p}\nspec: {clusterSpec: {image: 'confluentinc/cp-flink-sql:1.19-cp8'}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/image".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(4));
        assert!(f[0].message.ends_with("for an application"));
    }
}

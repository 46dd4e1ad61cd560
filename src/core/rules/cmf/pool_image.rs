//! CMF-POOL-006 — compute pools use a `cp-flink-sql` image of a supported SQL version.
//!
//! What it checks: a pool's `clusterSpec.image` (and the environment's
//! `computePoolDefaults.clusterSpec.image`) is a Confluent SQL image
//! (`confluentinc/cp-flink-sql`) whose tag names a Flink version CMF runs SQL on. A
//! plain `cp-flink` image is IMG-003's concern; a tag/flinkVersion mismatch is IMG-001's.
//! Why: CMF runs statements with its SQL runtime (`cp-flink-sql:1.19-cpN`, plus 2.3 from
//! CMF 2.5); other images lack it and statements fail to start.
//! How to fix: use `confluentinc/cp-flink-sql:1.19-cpN` (check the CMF interoperability
//! table for the minimum cpN of your CMF version).

use crate::core::finding::Severity;
use crate::core::flink::image::{self, CP_FLINK, CP_FLINK_SQL};
use crate::core::flink::version::{self, enum_names};
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct PoolImage;

fn check_image(cx: &Context<'_>, out: &mut Sink<'_>, r: &Resource, path: &[&str]) {
    let Some(image) = r.spec_str(path) else { return };
    let at = r.spec_field(path);
    let release = version::cmf(cx.targets.cmf);
    let repo = image::parse(image).name;
    if repo == CP_FLINK {
        return;
    }
    if repo != CP_FLINK_SQL {
        out.report(r, &at, format!("image '{image}' is not a Confluent SQL image (cp-flink-sql)"))
            .hint(format!("use {} for compute pools", release.default_sql_image()));
        return;
    }
    if let Some(v) = image::flink_version(image).filter(|v| !release.runs_sql(*v)) {
        out.report(
            r,
            &at,
            format!(
                "image '{image}' is a Flink {} SQL image; CMF {} runs SQL on {}",
                v.enum_name(),
                cx.targets.cmf,
                enum_names(&release.sql_versions(), " or ")
            ),
        )
        .hint(format!("use {} (see the CMF interoperability table)", release.default_sql_image()));
    }
}

impl Rule for PoolImage {
    fn id(&self) -> &'static str {
        "CMF-POOL-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Compute pools should use a cp-flink-sql image of a SQL version CMF supports"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.of_kind(Kind::ComputePool) {
            check_image(cx, out, r, &["clusterSpec", "image"]);
        }
        for e in cx.of_kind(Kind::Environment) {
            check_image(cx, out, e, &["computePoolDefaults", "clusterSpec", "image"]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const POOL: &str = "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  clusterSpec:\n    image: ";

    #[test]
    fn fires_on_custom_images_and_unsupported_sql_versions() {
        let f = check(&PoolImage, &format!("{POOL}confluentinc/cp-flink-sql:2.1.1-cp1-java21\n"));
        assert_eq!(pointers(&f), [("/spec/clusterSpec/image".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(6));
        let tagged = version::FlinkVersion::new(2, 1).enum_name();
        assert!(f[0].message.contains(&format!("Flink {tagged} SQL image")), "{}", f[0].message);
        assert_eq!(check(&PoolImage, &format!("{POOL}my-sql:1\n")).len(), 1);
    }

    #[test]
    fn silent_on_a_1_19_sql_image() {
        assert!(
            check(&PoolImage, &format!("{POOL}confluentinc/cp-flink-sql:1.19-cp8\n")).is_empty()
        );
    }
}

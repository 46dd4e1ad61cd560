//! A review's safe sequences as one reviewable shell script, in the style of
//! `fstudio plan --script`: one section per change that needs one, a comment per step,
//! manual edits marked `EDIT:` (run the script step by step, not blindly).

use super::Review;

/// The safe sequences of `review` as a POSIX shell script (`None`: no change needs one).
pub fn render(review: &Review) -> Option<String> {
    let with_steps: Vec<_> = review
        .changes
        .iter()
        .filter_map(|c| c.verdict.as_ref().filter(|v| !v.steps.is_empty()).map(|v| (c, v)))
        .collect();
    if with_steps.is_empty() {
        return None;
    }
    let mut out = String::from(
        "#!/bin/sh\n# Safe sequences written by Flink Studio (fstudio review --script).\n\
         # Review every step; lines after an EDIT: comment assume you made that edit.\n\
         # kubectl steps need the cluster's context; confluent steps need CONFLUENT_CMF_URL.\n\
         set -eu\n",
    );
    for (c, v) in with_steps {
        let r = &c.resource;
        let ns = r.namespace.as_deref().map(|n| format!("{n}/")).unwrap_or_default();
        out.push_str(&format!("\n# === {} {ns}{}: {}\n", r.kind, r.name, v.summary));
        out.push_str(&super::steps::script(&v.steps));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::rules::testing::{STATEFUL, deployment, review_of};

    #[test]
    fn only_unsafe_changes_get_a_section() {
        let safe = review_of(
            &deployment(STATEFUL),
            &deployment(&STATEFUL.replace("flink:1.20", "flink:1.20.3")),
        );
        assert_eq!(render(&safe), None);
        let st = STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: stateless");
        let lost =
            review_of(&deployment(&st), &deployment(&st.replace("flink:1.20", "flink:1.20.3")));
        let text = render(&lost).unwrap();
        assert!(text.starts_with("#!/bin/sh\n"));
        assert!(
            text.contains("# === FlinkDeployment flink/orders: The operator cancels the job"),
            "{text}"
        );
        assert!(
            text.contains("# 2. EDIT: In the new manifest set job.initialSavepointPath"),
            "{text}"
        );
    }
}

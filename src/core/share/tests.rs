//! Share links: size, round trip, no secrets, clear errors.

use serde_json::json;

use super::*;
use crate::core::generate;

fn strip_origins(mut d: Design) -> Design {
    for r in &mut d.resources {
        r.origin = None;
    }
    d
}

#[test]
fn a_fifty_resource_design_fits_in_eight_kilobytes() {
    let d = generate::design(50);
    assert!(d.resources.len() >= 50);
    let share = encode(&d, "fifty").unwrap();
    assert!(share.payload.len() <= 8 * 1024, "{}", share.payload.len());
    // Figures for the record (`cargo test share -- --nocapture`).
    for n in [50, 100, 200, 400] {
        let d = generate::design(n);
        let chars =
            encode(&d, "x").map_or_else(|e| format!("{e}"), |s| s.payload.len().to_string());
        println!("share link: {} resources → {chars}", d.resources.len());
    }
}

#[test]
fn round_trip_equals_the_design_without_secrets() {
    let mut d = generate::design(50);
    d.layout.insert(d.resources[3].id, crate::core::design::Point { x: 1.5, y: -2.0 });
    d.notes.insert(d.resources[4].id, "why <b>this</b> exists".into());
    let share = encode(&d, "team").unwrap();
    let decoded = decode(&format!("#design={}", share.payload)).unwrap();
    assert_eq!(decoded.name, "team");
    assert!(strip_origins(decoded.design) == without_secrets(&d).0, "round trip differs");
    assert_eq!(share.redacted.len(), 2, "{:?}", share.redacted);
    assert!(share.notice().unwrap().starts_with("secret values of 2 resources were left out"));
}

#[test]
fn secrets_never_appear_in_the_payload() {
    let mut d = Design::new();
    d.add(json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                 "data": {"password": "c3VwZXJzZWNyZXQx"}, "stringData": {"token": "supersecret2"}}));
    d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Secret", "metadata": {"name": "c"},
                 "spec": {"data": {"sasl.jaas.config": "supersecret3"}}}));
    d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "KafkaDatabase",
                 "metadata": {"name": "db"}, "spec": {"kafkaCluster": {"connectionConfig": {
                     "sasl.jaas.config": "... password='supersecret4';"}}}}));
    let share = encode(&d, "x").unwrap();
    let decoded = decode(&share.payload).unwrap();
    let text = crate::core::design_file::save(&decoded.design, "x");
    for secret in ["c3VwZXJzZWNyZXQx", "supersecret"] {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
        assert!(!share.payload.contains(secret));
    }
    assert!(text.contains("password: \"<redacted>\""), "{text}");
    assert_eq!(share.redacted, ["Secret/s", "Secret/c", "KafkaDatabase/db"]);
}

#[test]
fn too_large_designs_are_refused_with_the_numbers() {
    let err = encode(&generate::design(2000), "big").unwrap_err();
    let ShareError::TooLarge { chars, limit } = err.clone() else { panic!("{err:?}") };
    assert!(chars > limit);
    assert_eq!(limit, LIMIT);
    assert!(err.to_string().contains("save it as a design file"));
}

#[test]
fn damaged_links_say_what_is_wrong() {
    let good = encode(&generate::design(10), "x").unwrap().payload;
    let cut = &good[..good.len() / 2];
    let cases = [
        ("nodot".to_string(), "no version prefix"),
        (format!("2.{}", &good[2..]), "another version of Flink Studio (format 2"),
        ("1.ab$c".to_string(), "character 3 ('$') is not base64url"),
        (cut.to_string(), "compressed data is incomplete"),
        (
            format!(
                "1.{}",
                base64url::encode(&miniz_oxide::deflate::compress_to_vec(b"kind: X\n", 6))
            ),
            "does not hold a Flink Studio design",
        ),
    ];
    for (link, expected) in cases {
        let err = decode(&link).unwrap_err().to_string();
        assert!(err.contains(expected), "{link}: {err}");
    }
}

#[test]
fn inflation_is_capped() {
    let bomb = vec![b'a'; MAX_INFLATED + 1];
    let link =
        format!("1.{}", base64url::encode(&miniz_oxide::deflate::compress_to_vec(&bomb, 10)));
    assert!(link.len() < LIMIT);
    assert_eq!(decode(&link).unwrap_err(), ShareError::InflatesTooLarge);
}

/// One design with a secret value in every place the studio knows.
fn leaky_design() -> Design {
    let mut d = Design::new();
    d.add(json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
        "metadata": {"name": "orders", "annotations": {"db-password": "leak-annotation-1",
            "init": "PGPASSWORD=leak-annotation-2 psql"}},
        "spec": {"flinkConfiguration": {"s3.secret-key": "leak-config-1",
                     "sasl.jaas.config": "x.PlainLoginModule required username='u' password='leak-jaas-1';"},
            "podTemplate": {"spec": {"initContainers": [{"name": "init",
                "command": ["/bin/sh", "-c", "mc alias set m http://minio:9000 leak-cmd-1 leak-cmd-2"]}],
                "containers": [{"name": "flink-main-container",
                "args": ["--db-password", "leak-args-1", "--password=leak-args-2"],
                "env": [{"name": "DB_PASSWORD", "value": "leak-env-1"},
                        {"name": "KAFKA_CONFIG", "value": "x.ScramLoginModule required username=\"u\" password=\"leak-jaas-2\";"}]}]}},
            "job": {"jarURI": "local:///job.jar", "args": ["--url", "jdbc:postgresql://u:leak-url-1@db/x"]}}}));
    d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "KafkaCatalog", "metadata": {"name": "cat"},
        "spec": {"srInstance": {"connectionConfig": {"schema.registry.url": "http://sr:8081",
            "basic.auth.user.info": "u:leak-conn-1"}, "connectionSecretId": "kafka-connection"}}}));
    d.add(json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
        "data": {"password": "bGVhay1kYXRhLTE="}, "stringData": {"token": "leak-data-2"}}));
    d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Secret", "metadata": {"name": "c"},
        "spec": {"data": {"sasl.jaas.config": "leak-cmf-1"}}}));
    d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement", "metadata": {"name": "st"},
        "spec": {"statement": "CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'password' = 'leak-sql-1')"}}));
    d
}

#[test]
fn no_secret_value_in_any_place_of_a_link() {
    let d = leaky_design();
    let share = encode(&d, "leaky").unwrap();
    let decoded = decode(&share.payload).unwrap();
    let text = crate::core::design_file::save(&decoded.design, "leaky");
    for secret in ["leak-", "bGVhay1kYXRhLTE"] {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
    }
    // What is not secret is still there, in place.
    let orders = &decoded.design.resources[0].doc;
    let main = &orders["spec"]["podTemplate"]["spec"]["containers"][0];
    assert_eq!(main["args"], json!(["--db-password", "<redacted>", "--password=<redacted>"]));
    assert_eq!(main["env"][0], json!({"name": "DB_PASSWORD", "value": "<redacted>"}));
    assert_eq!(orders["spec"]["job"]["args"][1], "jdbc:postgresql://u:<redacted>@db/x");
    assert_eq!(
        decoded.design.resources[1].doc["spec"]["srInstance"]["connectionConfig"]["schema.registry.url"],
        "http://sr:8081"
    );
    assert_eq!(
        share.redacted,
        ["FlinkDeployment/orders", "KafkaCatalog/cat", "Secret/s", "Secret/c", "Statement/st"]
    );
    // The decoded design's secret places hold the placeholder only.
    for r in &decoded.design.resources {
        for place in crate::core::credentials::places(&r.doc) {
            let v = r.doc.pointer(&place.pointer).unwrap();
            let shown = v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
            let part = place.range.map_or(shown.clone(), |x| shown[x].to_string());
            assert_eq!(part, "<redacted>", "{} {}", place.pointer, shown);
        }
    }
}

#[test]
fn a_link_never_carries_an_attached_artifact_file() {
    let mut d = Design::new();
    let jar = b"PK\x03\x04 the jar's bytes";
    d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Artifact",
                 "metadata": {"name": "job.jar", "annotations": {
                     crate::core::model::artifact::FILE: "job.jar",
                     crate::core::model::artifact::CONTENT: crate::core::convert::encode_base64(jar)}},
                 "spec": {}}));
    let share = encode(&d, "jar").unwrap();
    assert_eq!(share.detached, ["Artifact/job.jar"]);
    assert!(
        share.notice().unwrap().contains("the files attached to Artifact/job.jar were left out")
    );
    let back = decode(&share.payload).unwrap().design;
    let annotations = &back.resources[0].doc["metadata"]["annotations"];
    assert_eq!(annotations[crate::core::model::artifact::FILE], "job.jar", "the file name stays");
    assert!(annotations.get(crate::core::model::artifact::CONTENT).is_none());
    // The design itself is untouched.
    assert!(crate::core::model::artifact::content(&d.resources[0]).is_some());
}

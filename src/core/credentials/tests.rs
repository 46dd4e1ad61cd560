//! Every place a secret value can hide, found and redacted with the structure kept.

use serde_json::{Value, json};

use super::*;

const R: &str = "<redacted>";

fn pointers(doc: &Value) -> Vec<String> {
    places(doc).into_iter().map(|p| p.pointer).collect()
}

/// A FlinkDeployment whose pod template leaks in the three usual places.
fn leaky_deployment() -> Value {
    json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
        "metadata": {"name": "orders"},
        "spec": {"podTemplate": {"spec": {"containers": [{
            "name": "flink-main-container",
            "command": ["/bin/sh", "-c", "mc alias set m http://minio:9000 mcuser mcpass1 && exec /docker-entrypoint.sh"],
            "args": ["--db-password", "argpass2", "--verbose", "--token=argtok3"],
            "env": [
                {"name": "DB_PASSWORD", "value": "envpass4"},
                {"name": "KAFKA_CONFIG", "value": "org.apache.kafka.common.security.plain.PlainLoginModule required username='app' password='jaaspass5';"},
                {"name": "TOPIC", "value": "orders"},
                {"name": "FROM_SECRET", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}
            ]}]}},
            "job": {"jarURI": "local:///opt/flink/job.jar", "args": ["--jdbc", "jdbc:postgresql://app:urlpass6@db:5432/orders"]}}})
}

#[test]
fn env_values_args_and_command_are_found_in_arrays() {
    let c = "/spec/podTemplate/spec/containers/0";
    assert_eq!(
        pointers(&leaky_deployment()),
        [
            format!("{c}/command/2"),
            format!("{c}/command/2"),
            format!("{c}/args/1"),
            format!("{c}/args/3"),
            format!("{c}/env/0/value"),
            format!("{c}/env/1/value"),
            "/spec/job/args/1".to_string(),
        ]
    );
    let whats: Vec<String> = places(&leaky_deployment()).into_iter().map(|p| p.what).collect();
    assert_eq!(whats[2], "args: --db-password …");
    assert_eq!(whats[4], "env DB_PASSWORD");
    assert_eq!(whats[5], "env KAFKA_CONFIG: password=…");
    for w in &whats {
        assert!(!w.contains("pass") || !w.chars().any(|c| c.is_ascii_digit()), "{w} shows a value");
    }
}

#[test]
fn redaction_keeps_the_structure_and_the_text_around_a_secret() {
    let mut doc = leaky_deployment();
    let found = redact(&mut doc, R);
    // One entry per value and what holds it: the two keys of `mc alias set` are one.
    assert_eq!(found.len(), 6, "{found:?}");
    let text = doc.to_string();
    for secret in ["mcuser", "mcpass1", "argpass2", "argtok3", "envpass4", "jaaspass5", "urlpass6"]
    {
        assert!(!text.contains(secret), "{secret} left in {text}");
    }
    let c = &doc["spec"]["podTemplate"]["spec"]["containers"][0];
    assert_eq!(c["args"], json!(["--db-password", R, "--verbose", format!("--token={R}")]));
    assert_eq!(
        c["command"][2],
        format!("mc alias set m http://minio:9000 {R} {R} && exec /docker-entrypoint.sh")
    );
    assert_eq!(c["env"][0], json!({"name": "DB_PASSWORD", "value": R}));
    assert_eq!(
        c["env"][1]["value"],
        format!(
            "org.apache.kafka.common.security.plain.PlainLoginModule required username='app' password='{R}';"
        )
    );
    assert_eq!(c["env"][2]["value"], "orders");
    assert_eq!(doc["spec"]["job"]["args"][1], format!("jdbc:postgresql://app:{R}@db:5432/orders"));
    // Again: nothing left to replace.
    assert!(redact(&mut doc, R).is_empty());
}

#[test]
fn jaas_strings_in_configuration_lose_only_the_password() {
    let mut doc = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "ComputePool",
        "metadata": {"name": "p"}, "spec": {"clusterSpec": {"flinkConfiguration": {
            "sasl.jaas.config": "x.ScramLoginModule required username=\"u\" password=\"jp1\";",
            "s3": {"secret-key": "minio2"},
            "s3.access-key": "${S3_ACCESS_KEY}",
            "security.ssl.keystore-password": 12345}}}});
    let found = redact(&mut doc, "");
    let whats: Vec<&str> = found.iter().map(|p| p.what.as_str()).collect();
    assert_eq!(
        whats,
        ["sasl.jaas.config: password=…", "s3.secret-key", "security.ssl.keystore-password"]
    );
    let conf = &doc["spec"]["clusterSpec"]["flinkConfiguration"];
    assert_eq!(
        conf["sasl.jaas.config"],
        "x.ScramLoginModule required username=\"u\" password=\"\";"
    );
    assert_eq!(conf["s3"]["secret-key"], "");
    assert_eq!(conf["s3.access-key"], "${S3_ACCESS_KEY}");
    assert_eq!(conf["security.ssl.keystore-password"], "");
}

#[test]
fn connection_configs_of_catalogs_and_databases() {
    let doc = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "KafkaDatabase",
        "metadata": {"name": "db"}, "spec": {"kafkaCluster": {"connectionConfig": {
            "bootstrap.servers": "k:9092",
            "basic.auth.user.info": "user:cc1",
            "sasl.jaas.config": "x required username='u' password='cc2';"}}}});
    let found = places(&doc);
    assert!(found.iter().all(|p| p.kind == SecretKind::ConnectionConfig));
    let (clean, _) = redacted(&doc, R).unwrap();
    let cc = &clean["spec"]["kafkaCluster"]["connectionConfig"];
    assert_eq!(cc["bootstrap.servers"], "k:9092");
    assert_eq!(cc["basic.auth.user.info"], R);
    assert_eq!(cc["sasl.jaas.config"], format!("x required username='u' password='{R}';"));
}

#[test]
fn annotations_by_key_by_content_and_last_applied() {
    let last =
        json!({"apiVersion": "v1", "kind": "Secret", "stringData": {"pw": "la1"}}).to_string();
    let doc = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "a",
        "annotations": {"db-password": "an1", "team": "x", "init": "PGPASSWORD=an2 psql",
                        "kubectl.kubernetes.io/last-applied-configuration": last}},
        "spec": {"template": {"metadata": {"annotations": {"vault.hashicorp.com/agent-inject-token": "an3"}}}}});
    let found = places(&doc);
    assert!(found.iter().all(|p| p.kind == SecretKind::Annotation), "{found:?}");
    let (clean, _) = redacted(&doc, R).unwrap();
    let text = clean.to_string();
    for secret in ["an1", "an2", "an3", "la1"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert_eq!(clean["metadata"]["annotations"]["team"], "x");
    assert_eq!(clean["metadata"]["annotations"]["init"], format!("PGPASSWORD={R} psql"));
}

#[test]
fn secret_data_and_cmf_secret_data_whatever_the_key() {
    let k8s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
        "type": "Opaque", "data": {"user": "dXNlcg=="}, "stringData": {"mechanism": "PLAIN"}});
    let (clean, found) = redacted(&k8s, "").unwrap();
    assert_eq!(found.len(), 2);
    assert_eq!(clean["data"], json!({"user": ""}));
    assert_eq!(clean["stringData"], json!({"mechanism": ""}));
    assert_eq!(clean["type"], "Opaque");
    let cmf = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Secret", "metadata": {"name": "c"},
        "spec": {"data": {"sasl.mechanism": "PLAIN", "sasl.jaas.config": "x password='y';"}}});
    let (clean, found) = redacted(&cmf, R).unwrap();
    assert!(found.iter().all(|p| p.kind == SecretKind::CmfSecretData && p.range.is_none()));
    assert_eq!(clean["spec"]["data"], json!({"sasl.mechanism": R, "sasl.jaas.config": R}));
}

#[test]
fn texts_anywhere_and_private_keys() {
    let doc = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
        "data": {"init.sh": "#!/bin/sh\nmc alias set s3 http://minio:9000 tx1 tx2\n",
                 "tls.key": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
                 "app.conf": "retries=3"}});
    let found = places(&doc);
    let kinds: Vec<SecretKind> = found.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [SecretKind::Text, SecretKind::Text, SecretKind::KeyMaterial]);
    let stmt = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement", "metadata": {"name": "s"},
        "spec": {"statement": "CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'password' = 'sq1')"}});
    let (clean, _) = redacted(&stmt, R).unwrap();
    assert_eq!(
        clean["spec"]["statement"],
        format!("CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'password' = '{R}')")
    );
}

#[test]
fn a_design_without_secret_values_says_what_it_left_out() {
    let mut d = crate::core::design::Design::new();
    d.add(leaky_deployment());
    d.add(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}));
    let (clean, left_out) = without_secret_values(&d, "");
    assert_eq!(left_out.len(), 6);
    assert!(
        left_out
            .iter()
            .all(|f| f.resource == "FlinkDeployment/orders" && f.id == d.resources[0].id)
    );
    assert_eq!(clean.resources[1].doc, d.resources[1].doc);
    let text = clean.resources[0].doc.to_string();
    for secret in ["mcpass1", "argpass2", "argtok3", "envpass4", "jaaspass5", "urlpass6"] {
        assert!(!text.contains(secret), "{secret} left in {text}");
    }
    assert_eq!(
        clean.resources[0].doc["spec"]["podTemplate"]["spec"]["containers"][0]["env"][0]["value"],
        ""
    );
}

#[test]
fn names_and_addresses_of_credentials_are_not_secrets() {
    let doc = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "KafkaCatalog",
        "metadata": {"name": "c"}, "spec": {"srInstance": {
            "connectionConfig": {"schema.registry.url": "http://sr:8081"},
            "connectionSecretId": "kafka-connection"},
            "oauth": {"tokenEndpointUri": "https://idp/token", "tokenFile": "/var/run/token"}}});
    assert_eq!(pointers(&doc), Vec::<String>::new());
}

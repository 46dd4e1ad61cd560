//! The real `fstudio` binary on temporary files and on the shared corpus: exit codes,
//! output formats, export output that re-imports.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use flink_studio::core::design::Design;
use flink_studio::core::import::import_text;
use serde_json::Value;

fn fstudio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fstudio")).args(args).output().expect("run fstudio")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

mod support;

fn corpus(folder: &str) -> String {
    support::shared("corpus").join(folder).display().to_string()
}

/// A fresh temporary folder for one test.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fstudio-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const GOOD: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flink\n";
/// Name too long and with an underscore: NAME-FKO-001 (error) on line 4.
const BAD: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  \
    name: Bad_Name\n  namespace: flink\nspec:\n  image: flink:1.20\n  flinkVersion: v1_20\n  \
    serviceAccount: flink\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: \"2\"\n  \
    jobManager:\n    resource: {memory: 2048m, cpu: 1}\n  \
    taskManager:\n    resource: {memory: 2048m, cpu: 1}\n";

#[test]
fn validate_exit_codes_are_0_1_2() {
    let dir = temp("codes");
    fs::write(dir.join("good.yaml"), GOOD).unwrap();
    fs::write(dir.join("bad.yaml"), BAD).unwrap();
    let good = dir.join("good.yaml").display().to_string();
    let bad = dir.join("bad.yaml").display().to_string();
    assert_eq!(fstudio(&["validate", &good]).status.code(), Some(0));
    assert_eq!(fstudio(&["validate", &bad]).status.code(), Some(1));
    let missing = dir.join("missing.yaml").display().to_string();
    let o = fstudio(&["validate", &good, &missing]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.yaml"));
    assert_eq!(fstudio(&["validate", "--fko-version", "soon", &good]).status.code(), Some(2));
    // A folder is read recursively and finds the bad file.
    fs::create_dir_all(dir.join("sub")).unwrap();
    fs::rename(dir.join("bad.yaml"), dir.join("sub/bad.yml")).unwrap();
    assert_eq!(fstudio(&["validate", &dir.display().to_string()]).status.code(), Some(1));
}

#[test]
fn text_output_reads_like_a_compiler() {
    let dir = temp("text");
    let bad = dir.join("bad.yaml");
    fs::write(&bad, BAD).unwrap();
    let o = fstudio(&["validate", &bad.display().to_string()]);
    let text = stdout(&o);
    let expected = format!(
        "{}:4: error[NAME-FKO-001] FlinkDeployment/Bad_Name /metadata/name: ",
        bad.display()
    );
    assert!(text.contains(&expected), "{text}");
    assert!(text.lines().any(|l| l.starts_with("  help: ")), "{text}");
    assert!(text.trim_end().ends_with("in 1 file"), "{text}");
    assert!(text.contains("1 error,"), "{text}");
}

#[test]
fn json_and_sarif_have_the_documented_shape() {
    let dir = temp("json");
    let bad = dir.join("bad.yaml");
    fs::write(&bad, BAD).unwrap();
    let path = bad.display().to_string();
    let o = fstudio(&["validate", "--format", "json", &path]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["summary"]["errors"], 1);
    assert!(v["summary"]["warnings"].is_u64() && v["summary"]["infos"].is_u64());
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "NAME-FKO-001").unwrap();
    assert_eq!(f["severity"], "error");
    assert_eq!(f["pointer"], "/metadata/name");
    assert_eq!(f["line"], 4);
    assert_eq!(f["resource"]["kind"], "FlinkDeployment");

    let o = fstudio(&["validate", "--format", "sarif", &path]);
    assert_eq!(o.status.code(), Some(1));
    let s: Value = serde_json::from_str(&stdout(&o)).expect("SARIF is JSON");
    assert_eq!(s["version"], "2.1.0");
    assert!(s["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let driver = &s["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "fstudio");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "NAME-FKO-001"));
    let r = s["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "NAME-FKO-001")
        .unwrap();
    assert_eq!(r["level"], "error");
    assert!(r["message"]["text"].as_str().unwrap().contains("Bad_Name"));
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], path.replace('\\', "/"));
    assert_eq!(loc["region"]["startLine"], 4);
    let index = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "NAME-FKO-001");
}

#[test]
fn corpus_validates_without_crashing_and_operator_examples_pass() {
    let o = fstudio(&["validate", "--format", "json", &corpus("fko-examples")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    for folder in ["cfk-examples", "community"] {
        let o = fstudio(&["validate", "--format", "json", &corpus(folder)]);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{folder}: {o:?}");
        let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        assert!(v["findings"].is_array());
    }
}

#[test]
fn config_json_is_the_list_of_effective_configurations() {
    let o = fstudio(&["config", "--format", "json", &corpus("fko-examples")]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let list = v.as_array().expect("a list");
    assert!(list.len() > 10);
    let basic =
        list.iter().find(|c| c["resource"]["name"] == "basic-example").expect("basic-example");
    assert_eq!(basic["scope"], "cluster");
    let entries = basic["entries"].as_array().expect("entries are a list");
    let slots =
        entries.iter().find(|e| e["key"] == "taskmanager.numberOfTaskSlots").expect("slots entry");
    assert_eq!(slots["value"], "2");
    assert!(slots["source"]["layer"].is_string() && slots["overridden"].is_array());

    let only = fstudio(&[
        "config",
        "--resource",
        "FlinkDeployment/basic-example",
        &corpus("fko-examples"),
    ]);
    let text = stdout(&only);
    assert!(text.starts_with("FlinkDeployment/basic-example"), "{text}");
    assert!(text.contains("taskmanager.numberOfTaskSlots") && text.contains("SOURCE"), "{text}");
    let none = fstudio(&["config", "--resource", "FlinkDeployment/nope", &corpus("fko-examples")]);
    assert_eq!(none.status.code(), Some(1));
}

fn reimported(text: &str) -> Design {
    let mut d = Design::new();
    let (_, problems) = import_text(&mut d, "out", text);
    assert!(problems.iter().all(|p| p.rule != "IMP-SYNTAX-001"), "{problems:?}");
    d
}

#[test]
fn export_output_reimports() {
    let o = fstudio(&["export", "--to", "kubectl", &corpus("fko-examples")]);
    assert_eq!(o.status.code(), Some(0));
    let d = reimported(&stdout(&o));
    assert!(d.resources.len() > 30);

    let dir = temp("export");
    let out = dir.join("out");
    let o = fstudio(&[
        "export",
        "--to",
        "cmf",
        "-o",
        &out.display().to_string(),
        &corpus("cfk-examples"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() > 10 && names[0].starts_with("01-environment-"), "{names:?}");
    for n in &names {
        let d = reimported(&fs::read_to_string(out.join(n)).unwrap());
        assert_eq!(d.resources.len(), 1, "{n}");
    }
    let secrets =
        fs::read_to_string(out.join(names.iter().find(|n| n.contains("-secret-flink")).unwrap()))
            .unwrap();
    assert!(secrets.contains("<redacted>") && !secrets.contains("sr-password"), "{secrets}");

    let o = fstudio(&[
        "export",
        "--to",
        "kubectl",
        "--include-secrets",
        "-o",
        &out.display().to_string(),
        &corpus("cfk-examples"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let yaml = fs::read_to_string(out.join("manifests.yaml")).unwrap();
    assert!(yaml.contains("sr-user:sr-password"));
    assert!(!reimported(&yaml).resources.is_empty());

    let o = fstudio(&["export", "--to", "cmf", &corpus("community")]);
    assert!(stdout(&o).lines().any(|l| l.starts_with("==> 01-environment-")), "{}", stdout(&o));
}

#[test]
fn design_files_are_read_like_manifests() {
    let dir = temp("design");
    let mut d = Design::new();
    import_text(&mut d, "x", BAD);
    fs::write(dir.join("d.fstudio.yaml"), flink_studio::core::design_file::save(&d, "demo"))
        .unwrap();
    let o = fstudio(&["validate", "--format", "json", &dir.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "NAME-FKO-001").unwrap();
    assert!(f["file"].as_str().unwrap().ends_with("d.fstudio.yaml"));
    assert!(f["line"].as_u64().unwrap() > 4, "line inside the design file: {f}");
}

#[test]
fn rules_and_help() {
    let o = fstudio(&["rules", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in ["NAME-FKO-001", "IMP-SYNTAX-001", "DESIGN-ENTRY-001"] {
        assert!(ids.contains(&id), "{id} missing");
    }
    assert!(stdout(&fstudio(&["rules"])).contains("NAME-FKO-001"));
    for sub in ["validate", "config", "export", "rules"] {
        let o = fstudio(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}");
        assert!(stdout(&o).contains("Usage: fstudio"), "{sub}");
    }
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::process::Stdio;
    for args in [&["rules"][..], &["rules", "--format", "json"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fstudio"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run fstudio");
        // The reader goes away before fstudio writes (like `fstudio rules | head -0`).
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(o.status.code(), Some(0), "{args:?}");
    }
}

/// A session job whose session cluster is kept in another folder.
const SESSION_JOB: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\n\
    metadata:\n  name: job\n  namespace: flink\nspec:\n  deploymentName: shared-session\n  \
    job:\n    jarURI: https://repo.example.com/job.jar\n    parallelism: 1\n    upgradeMode: stateless\n";

#[test]
fn references_outside_the_input_are_warnings_unless_complete() {
    let dir = temp("policy");
    fs::write(dir.join("job.yaml"), SESSION_JOB).unwrap();
    let job = dir.join("job.yaml").display().to_string();
    let open = fstudio(&["validate", "--format", "json", &job]);
    assert_eq!(open.status.code(), Some(0), "{}", stdout(&open));
    let v: Value = serde_json::from_str(&stdout(&open)).unwrap();
    let f = v["findings"].as_array().unwrap();
    let sj = f.iter().find(|f| f["rule"] == "FKO-SJ-004").expect("the missing cluster is named");
    assert_eq!(sj["severity"], "warning");
    assert!(sj["message"].as_str().unwrap().contains("'shared-session' in namespace 'flink'"));
    let complete = fstudio(&["validate", "--complete", &job]);
    assert_eq!(complete.status.code(), Some(1), "{}", stdout(&complete));
    // A design file can declare itself complete too.
    let design = format!(
        "apiVersion: studio.flinkstudio.dev/v1\nkind: Design\nmetadata: {{name: d}}\nspec:\n  \
         complete: true\n  resources:\n  - id: 0\n    manifest:\n{}",
        SESSION_JOB.lines().map(|l| format!("      {l}\n")).collect::<String>()
    );
    fs::write(dir.join("d.fstudio.yaml"), design).unwrap();
    let d = dir.join("d.fstudio.yaml").display().to_string();
    assert_eq!(fstudio(&["validate", &d]).status.code(), Some(1));
}

#[test]
fn folders_read_in_parallel_give_the_serial_output() {
    use flink_studio::core::generate::gitops;
    let dir = temp("parallel");
    for f in gitops::repository(400, 6) {
        let path = dir.join(&f.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, f.yaml()).unwrap();
    }
    // A broken file and a design file among the manifests keep their place too.
    fs::write(dir.join("team-001/broken.yaml"), "kind: [\n").unwrap();
    let mut d = Design::new();
    import_text(&mut d, "x", BAD);
    let design_file = flink_studio::core::design_file::save(&d, "demo");
    fs::write(dir.join("team-002/d.fstudio.yaml"), design_file).unwrap();
    let folder = dir.display().to_string();
    for format in ["json", "text", "sarif"] {
        let serial = fstudio(&["validate", "--jobs", "1", "--format", format, &folder]);
        let parallel = fstudio(&["validate", "--jobs", "4", "--format", format, &folder]);
        assert_eq!(serial.status.code(), parallel.status.code());
        assert!(stdout(&serial).contains("broken.yaml"), "{format}");
        assert!(stdout(&serial).contains("d.fstudio.yaml"), "{format}");
        assert_eq!(stdout(&serial), stdout(&parallel), "{format}");
    }
    let export = |jobs: &str| stdout(&fstudio(&["export", "--jobs", jobs, &folder]));
    assert_eq!(export("1"), export("3"));
}

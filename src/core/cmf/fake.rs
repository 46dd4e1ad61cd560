//! A stateful in-memory CMF for the unit tests (domain.md §2.4 semantics), with failure
//! injection.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::transport::{Method, Request, Response, Transport, TransportError};
use crate::core::model::artifact;

type Store = BTreeMap<String, BTreeMap<String, Value>>;

#[derive(Default)]
pub struct FakeCmf {
    pub store: RefCell<Store>,
    /// (method, path, status) answered once instead of the real thing.
    pub failures: RefCell<Vec<(Method, String, u16)>>,
    /// Transport errors returned to the next requests.
    pub transport_errors: RefCell<Vec<TransportError>>,
    pub log: RefCell<Vec<Request>>,
}

fn error(status: u16, message: &str) -> Response {
    Response::json(status, &json!({"errors": [{"message": message}]}))
}

/// (collection path, item name) of a path under /cmf/api/v1.
fn split(path: &str) -> Option<(String, Option<String>)> {
    let rest = path.strip_prefix("/cmf/api/v1/")?;
    let segs: Vec<&str> = rest.split('/').collect();
    let collection_len = match segs.as_slice() {
        ["environments"] | ["secrets"] | ["catalogs", "kafka"] => segs.len(),
        ["environments", _] | ["secrets", _] | ["catalogs", "kafka", _] => segs.len() - 1,
        ["environments", _, _] | ["catalogs", "kafka", _, "databases"] => segs.len(),
        ["environments", _, _, _] | ["catalogs", "kafka", _, "databases", _] => segs.len() - 1,
        ["environments", _, _, _, "savepoints"] => segs.len(),
        ["environments", _, _, _, "savepoints", _] => segs.len() - 1,
        _ => return None,
    };
    let collection = format!("/cmf/api/v1/{}", segs[..collection_len].join("/"));
    Some((collection, segs.get(collection_len).map(|s| s.to_string())))
}

/// Path of the object a collection lives in (an environment or a catalog), if any.
fn parent(collection: &str) -> Option<(String, String)> {
    let (up, _) = collection.rsplit_once('/')?;
    let (coll, name) = up.rsplit_once('/')?;
    matches!(coll, "/cmf/api/v1/environments" | "/cmf/api/v1/catalogs/kafka")
        .then(|| (coll.to_string(), name.to_string()))
}

fn name_of(collection: &str, body: &Value) -> Option<String> {
    let meta = body.pointer("/metadata/name").and_then(Value::as_str);
    let flat = body.get("name").and_then(Value::as_str);
    if collection.ends_with("/environments") { flat.or(meta) } else { meta }.map(str::to_string)
}

impl FakeCmf {
    pub fn fail_once(&self, method: Method, path: &str, status: u16) {
        self.failures.borrow_mut().push((method, path.to_string(), status));
    }

    pub fn writes(&self) -> Vec<String> {
        self.log
            .borrow()
            .iter()
            .filter(|r| r.method != Method::Get)
            .map(Request::describe)
            .collect()
    }

    pub fn get(&self, collection: &str, name: &str) -> Option<Value> {
        self.store.borrow().get(collection).and_then(|c| c.get(name)).cloned()
    }

    fn statements_on(&self, pool_collection: &str, pool: &str) -> bool {
        let stmts = pool_collection.replace("/compute-pools", "/statements");
        self.store.borrow().get(&stmts).is_some_and(|c| {
            c.values().any(|s| {
                s.pointer("/spec/computePoolName").and_then(Value::as_str) == Some(pool)
                    && s.pointer("/spec/stopped").and_then(Value::as_bool) != Some(true)
            })
        })
    }

    fn handle(&self, r: &Request) -> Response {
        let Some((collection, item)) = split(&r.path) else { return error(404, "no such path") };
        if let Some((pcoll, pname)) = parent(&collection)
            && self.get(&pcoll, &pname).is_none()
        {
            return error(404, &format!("{pname} does not exist"));
        }
        let mut store = self.store.borrow_mut();
        let objects = store.entry(collection.clone()).or_default();
        match (r.method, item) {
            (Method::Get, None) => {
                let q = |k: &str| {
                    r.query.iter().find(|(n, _)| n == k).and_then(|(_, v)| v.parse().ok())
                };
                let (page, size): (usize, usize) =
                    (q("page").unwrap_or(0), q("size").unwrap_or(20));
                let items: Vec<Value> = objects
                    .values()
                    .skip(page * size)
                    .take(size)
                    .map(|v| {
                        let mut v = v.clone();
                        if let Some(d) = v.pointer_mut("/spec/data").and_then(Value::as_object_mut)
                        {
                            d.values_mut().for_each(|x| *x = json!("*****"));
                        }
                        v
                    })
                    .collect();
                Response::json(
                    200,
                    &json!({"metadata": {"size": items.len()}, "items": items,
                    "pageable": {"page": page, "size": size}}),
                )
            }
            (Method::Get, Some(name)) => match objects.get(&name) {
                Some(v) => Response::json(200, v),
                None => error(404, &format!("{name} not found")),
            },
            (Method::Post, None) => {
                let body = r.body.clone().unwrap_or_default();
                let Some(name) = name_of(&collection, &body) else {
                    return error(400, "name missing");
                };
                let upsert =
                    collection.ends_with("/environments") || collection.ends_with("/applications");
                if objects.contains_key(&name) && !upsert {
                    return error(409, &format!("{name} already exists"));
                }
                let mut stored = body.clone();
                if collection.ends_with("/artifacts") {
                    let Some(upload) = &r.upload else { return error(400, "file part missing") };
                    stored["status"] = json!({"version": 1, "phase": "READY",
                        "checksum": artifact::checksum(&upload.content), "size": upload.content.len()});
                    objects.insert(name, stored.clone());
                    return Response::json(201, &stored);
                }
                if collection.ends_with("/statements") {
                    stored["status"] = json!({"phase": "RUNNING", "detail": "running"});
                } else if collection.ends_with("/applications") {
                    stored["status"] = json!({"jobStatus": {"state": "RUNNING", "jobId": "j1"}});
                } else if !collection.ends_with("/environments") {
                    stored["metadata"]["uid"] = json!(format!("uid-{name}"));
                }
                objects.insert(name, stored.clone());
                Response::json(
                    if collection.ends_with("/applications") { 201 } else { 200 },
                    &stored,
                )
            }
            (Method::Put, Some(name)) => {
                if !objects.contains_key(&name) {
                    return error(404, &format!("{name} not found"));
                }
                if collection.ends_with("/artifacts") {
                    let stored = objects.get_mut(&name).expect("checked above");
                    let Some(upload) = &r.upload else { return Response::json(200, stored) };
                    let checksum = artifact::checksum(&upload.content);
                    if stored["status"]["checksum"] == json!(checksum) {
                        return Response::json(200, stored);
                    }
                    let version = stored["status"]["version"].as_u64().unwrap_or(0) + 1;
                    stored["status"] = json!({"version": version, "phase": "READY",
                        "checksum": checksum, "size": upload.content.len()});
                    return Response::json(201, stored);
                }
                drop(store);
                if collection.ends_with("/compute-pools") && self.statements_on(&collection, &name)
                {
                    return error(409, "statements are running on the pool");
                }
                let body = r.body.clone().unwrap_or_default();
                self.store.borrow_mut().entry(collection).or_default().insert(name, body.clone());
                Response::json(200, &body)
            }
            // Bulk delete of savepoints by source (the fake has no clock: every one is
            // old enough); pinned ones stay.
            (Method::Delete, None) if collection.ends_with("/savepoints") => {
                let source = r.query.iter().find(|(k, _)| k == "source").map(|(_, v)| v.clone());
                let before = objects.len();
                objects.retain(|_, v| {
                    v.pointer("/spec/pinned") == Some(&json!(true))
                        || v.pointer("/status/source").and_then(Value::as_str) != source.as_deref()
                });
                Response::json(
                    200,
                    &json!({"deletedCount": before - objects.len(), "failedCount": 0, "failures": []}),
                )
            }
            (Method::Delete, Some(name)) => {
                if objects.remove(&name).is_none() {
                    return error(404, &format!("{name} not found"));
                }
                Response { status: 204, ..Response::default() }
            }
            _ => error(405, "method not allowed"),
        }
    }
}

impl Transport for &FakeCmf {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        self.log.borrow_mut().push(request.clone());
        if !self.transport_errors.borrow().is_empty() {
            return Err(self.transport_errors.borrow_mut().remove(0));
        }
        let failure = {
            let mut failures = self.failures.borrow_mut();
            let at =
                failures.iter().position(|(m, p, _)| *m == request.method && *p == request.path);
            at.map(|i| failures.remove(i))
        };
        if let Some((_, _, status)) = failure {
            return Ok(error(status, "injected failure"));
        }
        Ok(self.handle(&request))
    }

    fn base_url(&self) -> String {
        "http://fake-cmf".to_string()
    }
}

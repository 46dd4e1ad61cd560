// A stateful stand-in for Confluent Manager for Apache Flink (CMF 2.3.1 REST API, plus
// the CMF 2.4 artifacts: multipart upload, a new version only when the content's SHA-256
// changed, status.version/checksum), for the contract tests (tests/cmf_contract.rs) and
// the browser tests (tests/e2e). Statements and applications keep savepointSchedule and
// upgradeMode as sent, and report a plausible status.savepointSchedule (SavepointScheduleStatus:
// ACTIVE or PAUSED, the next full hour as nextTriggerTime) when they or their environment's
// defaults carry a schedule. Savepoints of applications and statements (CMF 2.4): list, get,
// create, PUT (spec.pinned), DELETE one, and bulk DELETE by source and age (pinned ones kept).
// Semantics of domain.md §2.4: environments and applications are create-or-update by POST;
// other kinds answer 409 to a POST of an existing name and are updated by PUT; a compute
// pool answers 409 to PUT/DELETE while statements run on it; a catalog with databases
// answers 409 to DELETE. Lists are paginated (page, size).
//
//   node tests/cmf/standin.mjs [--port N]     prints "listening <port>" once ready
//
// Test control (not part of CMF, never proxied through Prism), on the same port:
//   POST /__admin/fail   {"method": "POST", "path": "/cmf/api/v1/...", "status": 422,
//                         "message": "...", "times": 1}   answer that request with an error
//   POST /__admin/reset  forget everything
//   GET  /__admin/log    every CMF request received: ["POST /cmf/api/v1/environments", …]
//   POST /__admin/savepoints {"path": "/cmf/api/v1/environments/e/applications/a/savepoints",
//                         "items": [{"name", "source", "ageHours", "pinned"}]}   seed savepoints
import http from 'node:http';
import { createHash } from 'node:crypto';

const API = '/cmf/api/v1';
let store = new Map(); // collection path -> Map(name -> object)
let failures = [];
let log = [];

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const coll = (path) => store.get(path) ?? store.set(path, new Map()).get(path);

function send(res, status, body) {
  if (body === undefined) {
    res.writeHead(status);
    return res.end();
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
const error = (res, status, message) => send(res, status, { errors: [{ message }] });

// [collection, item name | null, parent [collection, name] | null] of a CMF path.
function split(path) {
  const s = path.slice(API.length + 1).split('/').map(decodeURIComponent);
  const join = (n) => `${API}/${s.slice(0, n).map(encodeURIComponent).join('/')}`;
  const shapes = [
    [['environments'], 1, null],
    [['secrets'], 1, null],
    [['catalogs', 'kafka'], 2, null],
    [['environments', '*', 'applications|compute-pools|statements|secret-mappings|artifacts'], 3, 1],
    [['catalogs', 'kafka', '*', 'databases'], 4, 2],
    [['environments', '*', 'applications|statements', '*', 'savepoints'], 5, 3],
  ];
  for (const [pattern, len, parentLen] of shapes) {
    if (s.length !== len && s.length !== len + 1) continue;
    const ok = pattern.every((p, i) => p === '*' || p.split('|').includes(s[i]));
    if (!ok) continue;
    const parent = parentLen ? [join(parentLen), s[parentLen]] : null;
    return [join(len), s.length === len + 1 ? s[len] : null, parent];
  }
  return null;
}

const kindOf = (collection) => collection.split('/').pop();

// The environment of a collection path under /environments/{env}/….
const environmentOf = (collection) => {
  const m = /\/environments\/([^/]+)\//.exec(collection);
  return m ? store.get(`${API}/environments`)?.get(decodeURIComponent(m[1])) : undefined;
};

// What CMF reports for a schedule (SavepointScheduleStatus): paused or active, next run on
// the next full hour (the stand-in does not evaluate cron expressions).
function scheduleStatus(schedule) {
  if (!schedule) return undefined;
  const next = new Date();
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  if (schedule.paused === true) return { state: 'PAUSED' };
  return { state: 'ACTIVE', nextTriggerTime: next.toISOString().replace(/\.\d+Z$/, 'Z') };
}

function stored(collection, name, body, old) {
  const kind = kindOf(collection);
  const o = structuredClone(body);
  if (kind === 'environments') {
    o.name = name;
    o.created_time = old?.created_time ?? now();
    o.updated_time = now();
    return o;
  }
  o.metadata = { ...o.metadata, name, uid: old?.metadata?.uid ?? `uid-${name}`,
    creationTimestamp: old?.metadata?.creationTimestamp ?? now(), updateTimestamp: now() };
  const env = environmentOf(collection);
  if (kind === 'statements') {
    const stopped = o.spec?.stopped === true;
    o.status = { phase: stopped ? 'STOPPED' : 'RUNNING', detail: stopped ? 'stopped' : 'The statement is running.' };
    // Which defaults block applies, by the SQL's first words (DDL runs no job: no schedule).
    const sql = (o.spec?.statement ?? '').trim().toUpperCase();
    const mode = /^(SELECT|WITH|VALUES|EXPLAIN)\b/.test(sql) ? 'interactive'
      : /^(INSERT|EXECUTE|BEGIN)\b|^CREATE TABLE .* AS /s.test(sql) ? 'detached' : null;
    const own = o.spec?.savepointSchedule;
    const defaults = mode ? env?.statementDefaults?.[mode]?.savepointSchedule : undefined;
    const schedule = mode && (own || defaults) ? { ...own, ...defaults } : undefined;
    if (schedule && !stopped) o.status.savepointSchedule = scheduleStatus(schedule);
  } else if (kind === 'compute-pools') {
    o.status = { phase: o.spec?.type === 'SHARED' ? 'RUNNING' : 'DEDICATED' };
  } else if (kind === 'applications') {
    o.status = { jobStatus: { jobId: `job-${name}`, state: 'RUNNING' } };
    const own = o.spec?.savepointSchedule;
    const defaults = env?.flinkApplicationDefaults?.spec?.savepointSchedule;
    // CMF merges the environment's defaults over the application's own, field by field.
    if (own || defaults) o.status.savepointSchedule = scheduleStatus({ ...own, ...defaults });
  } else if (kind === 'artifacts') {
    o.spec = {};
  }
  return o;
}

// The parts of a multipart/form-data body: name -> Buffer.
function multipart(contentType, raw) {
  const m = /boundary=([^;]+)/.exec(contentType ?? '');
  if (!m) return null;
  const delimiter = Buffer.from(`--${m[1]}`);
  const parts = {};
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.slice(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.slice(start + 2, next - 2); // after CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split).toString();
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (name) parts[name] = part.slice(split + 4);
    at = next;
  }
  return parts;
}

// An artifact upload: create (POST, version 1) or a new version (PUT) when the content
// differs from the latest version; identical content answers 200 and changes nothing.
function upload(res, objects, collection, name, parts) {
  let meta;
  try {
    meta = JSON.parse(parts.artifact?.toString() ?? '');
  } catch {
    return error(res, 400, 'the artifact part must be JSON');
  }
  const target = name ?? meta?.metadata?.name;
  if (!target) return error(res, 400, 'metadata.name must be given');
  const old = objects.get(target);
  if (name === null && old) return error(res, 409, `artifact ${target} already exists`);
  if (name !== null && !old) return error(res, 404, `${target} not found`);
  if (!parts.file) {
    if (name === null) return error(res, 400, 'the file part is required');
    return send(res, 200, old);
  }
  const checksum = `sha256:${createHash('sha256').update(parts.file).digest('hex')}`;
  if (old?.status?.checksum === checksum) return send(res, 200, old);
  const version = (old?.status?.version ?? 0) + 1;
  const o = stored(collection, target, meta, old);
  o.status = { version, creationTimestamp: now(), path: `s3://cmf-artifacts/${target}/${version}`,
    size: parts.file.length, checksum, phase: 'READY' };
  objects.set(target, o);
  return send(res, 201, o);
}

function shown(collection, o) {
  if (kindOf(collection) !== 'secrets') return o;
  const c = structuredClone(o);
  for (const k of Object.keys(c.spec?.data ?? {})) c.spec.data[k] = '*****';
  return c;
}

function poolBusy(poolCollection, pool) {
  const stmts = store.get(poolCollection.replace(/compute-pools$/, 'statements'));
  return [...(stmts?.values() ?? [])].some((s) => s.spec?.computePoolName === pool && s.spec?.stopped !== true);
}

const hours = (o) => (Date.now() - Date.parse(o.metadata?.creationTimestamp ?? 0)) / 3_600_000;

// Savepoints (CMF 2.4): create, PUT (spec.pinned; CMF keeps the status), bulk delete.
function savepoints(req, res, url, objects, collection, name, body) {
  if (req.method === 'POST' && name === null) {
    const spName = body?.metadata?.name ?? `sp-${objects.size + 1}`;
    const o = { apiVersion: 'cmf.confluent.io/v1', kind: 'Savepoint', metadata: { name: spName,
      creationTimestamp: now(), uid: `uid-${spName}` }, spec: { ...body?.spec },
      status: { state: 'COMPLETED', source: 'MANUAL', path: `s3://savepoints/${spName}` } };
    objects.set(spName, o);
    return send(res, 200, o);
  }
  if (req.method === 'PUT' && name !== null) {
    const old = objects.get(name);
    if (!old) return error(res, 404, `${name} not found`);
    const o = { ...old, spec: { ...old.spec, ...body?.spec } };
    objects.set(name, o);
    return send(res, 200, o);
  }
  if (req.method === 'DELETE' && name === null) {
    const source = url.searchParams.get('source');
    if (!['MANUAL', 'UPGRADE', 'SCHEDULE'].includes(source)) return error(res, 400, 'source must be MANUAL, UPGRADE or SCHEDULE');
    const days = url.searchParams.get('olderThanDays');
    const hrs = url.searchParams.get('olderThanHours');
    if (days && hrs) return error(res, 400, 'olderThanDays and olderThanHours are mutually exclusive');
    const age = days ? Number(days) * 24 : hrs ? Number(hrs) : 0;
    let deletedCount = 0;
    for (const [n, o] of objects) {
      if (o.spec?.pinned === true || o.status?.source !== source || hours(o) < age) continue;
      objects.delete(n);
      deletedCount += 1;
    }
    return send(res, 200, { deletedCount, failedCount: 0, failures: [] });
  }
  return undefined;
}

function handle(req, res, body) {
  const url = new URL(req.url, 'http://x');
  const where = split(url.pathname);
  if (!where) return error(res, 404, `no such path ${url.pathname}`);
  const [collection, name, parent] = where;
  if (parent && !store.get(parent[0])?.has(parent[1])) return error(res, 404, `${parent[1]} does not exist`);
  const objects = coll(collection);
  const kind = kindOf(collection);
  if (kind === 'savepoints') {
    const done = savepoints(req, res, url, objects, collection, name, body);
    if (done !== undefined || res.writableEnded) return done;
  }
  if (kind === 'artifacts' && (req.method === 'POST' || req.method === 'PUT')) {
    const parts = multipart(req.headers['content-type'], body);
    if (!parts) return error(res, 400, 'artifacts are uploaded as multipart/form-data');
    return upload(res, objects, collection, req.method === 'PUT' ? name : null, parts);
  }
  if (req.method === 'GET' && name === null) {
    const page = Number(url.searchParams.get('page') ?? 0);
    const size = Number(url.searchParams.get('size') ?? 20);
    const items = [...objects.values()].slice(page * size, page * size + size).map((o) => shown(collection, o));
    return send(res, 200, { metadata: { size: objects.size }, items,
      pageable: { page, size, sort: { sorted: false, unsorted: true, empty: true } } });
  }
  if (req.method === 'GET') {
    return objects.has(name) ? send(res, 200, shown(collection, objects.get(name))) : error(res, 404, `${name} not found`);
  }
  if (req.method === 'POST' && name === null) {
    const newName = kind === 'environments' ? body?.name ?? body?.metadata?.name : body?.metadata?.name;
    if (!newName) return error(res, 400, 'metadata.name must be given');
    const upsert = kind === 'environments' || kind === 'applications';
    if (objects.has(newName) && !upsert) return error(res, 409, `${newName} already exists`);
    const o = stored(collection, newName, body, objects.get(newName));
    objects.set(newName, o);
    return send(res, kind === 'applications' ? 201 : 200, shown(collection, o));
  }
  if (req.method === 'PUT' && name !== null) {
    if (!objects.has(name)) return error(res, 404, `${name} not found`);
    if (kind === 'compute-pools' && poolBusy(collection, name)) {
      return error(res, 409, `compute pool ${name} cannot be updated while statements are running on it`);
    }
    const o = stored(collection, name, body, objects.get(name));
    objects.set(name, o);
    return ['statements', 'kafka', 'databases'].includes(kind) ? send(res, 200) : send(res, 200, shown(collection, o));
  }
  if (req.method === 'DELETE' && name !== null) {
    if (!objects.has(name)) return error(res, 404, `${name} not found`);
    if (kind === 'compute-pools' && poolBusy(collection, name)) return error(res, 409, `compute pool ${name} is in use`);
    if (kind === 'kafka' && (store.get(`${collection}/${encodeURIComponent(name)}/databases`)?.size ?? 0) > 0) {
      return error(res, 409, `catalog ${name} contains databases`);
    }
    objects.delete(name);
    return send(res, 204);
  }
  return error(res, 405, `${req.method} not allowed on ${url.pathname}`);
}

function admin(req, res, body) {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/__admin/fail' && req.method === 'POST') {
    failures.push({ times: 1, message: 'injected failure', ...body });
    return send(res, 200, { ok: true });
  }
  if (path === '/__admin/reset' && req.method === 'POST') {
    store = new Map();
    failures = [];
    log = [];
    return send(res, 200, { ok: true });
  }
  if (path === '/__admin/log') return send(res, 200, log);
  if (path === '/__admin/savepoints' && req.method === 'POST') {
    const objects = coll(body.path);
    for (const i of body.items ?? []) {
      const created = new Date(Date.now() - (i.ageHours ?? 0) * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
      objects.set(i.name, { apiVersion: 'cmf.confluent.io/v1', kind: 'Savepoint',
        metadata: { name: i.name, creationTimestamp: created, uid: `uid-${i.name}` },
        spec: { pinned: i.pinned === true },
        status: { state: 'COMPLETED', source: i.source ?? 'SCHEDULE', path: `s3://savepoints/${i.name}` } });
    }
    return send(res, 200, { ok: true });
  }
  return error(res, 404, 'no such admin path');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const text = raw.toString();
    let body;
    if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      body = raw;
    } else {
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return error(res, 400, 'body is not JSON');
      }
    }
    if (req.url.startsWith('/__admin/')) return admin(req, res, body);
    const path = new URL(req.url, 'http://x').pathname;
    log.push(`${req.method} ${path}`);
    const f = failures.find((f) => f.times > 0 && f.method === req.method && f.path === path);
    if (f) {
      f.times -= 1;
      return error(res, f.status, f.message);
    }
    if (!path.startsWith(`${API}/`)) return error(res, 404, `no such path ${path}`);
    handle(req, res, body);
  });
});

const at = process.argv.indexOf('--port');
server.listen(at > 0 ? Number(process.argv[at + 1]) : 0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

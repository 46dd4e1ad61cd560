// The CMF stack of the browser tests: the stateful stand-in (tests/cmf/standin.mjs)
// behind Prism's validating proxy, and a front server on one origin that sends /cmf/… to
// Prism and everything else to the studio's server — what `trunk serve`'s /cmf proxy
// does in development. Fails (never skips) when Prism is not installed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { Transform } from 'node:stream';
import { createServer as netServer, connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// The shared reference folder, found as `core::shared_material` finds it: $FLINK_STUDIO_SHARED,
// next to the checkout or its worktree folder, or next to the repository it was cloned from.
const origin = (() => {
  try {
    const url = execFileSync('git', ['-C', root, 'remote', 'get-url', 'origin'], { encoding: 'utf8' }).trim();
    return url.replace(/^file:\/\//, '');
  } catch {
    return null;
  }
})();
const shared = [process.env.FLINK_STUDIO_SHARED, join(root, '../shared'), join(root, '../../shared'), origin && join(origin, '../shared'), origin && join(origin, '../../shared')]
  .filter(Boolean)
  .find((p) => existsSync(join(p, 'specs')));

const freePort = () =>
  new Promise((ok) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

const waitForPort = async (port, what, log) => {
  const end = Date.now() + 90_000;
  while (Date.now() < end) {
    const up = await new Promise((ok) => {
      const c = connect(port, '127.0.0.1', () => ok(c.end() || true)).on('error', () => ok(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start:\n${log()}`);
};

// Passes at most `bytesPerSecond` through (in 50 ms slices), so a browser's upload takes
// long enough to watch its progress and cancel it mid-flight.
const throttle = (bytesPerSecond) => {
  const slice = Math.max(1, Math.floor(bytesPerSecond / 20));
  return new Transform({
    transform(chunk, _enc, done) {
      const pieces = [];
      for (let at = 0; at < chunk.length; at += slice) pieces.push(chunk.subarray(at, at + slice));
      const next = () => {
        if (pieces.length === 0) return done();
        this.push(pieces.shift());
        setTimeout(next, 50);
      };
      next();
    },
  });
};

function forward(req, res, target, bytesPerSecond) {
  const url = new URL(req.url, target);
  const out = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  out.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502).end(String(e));
  });
  // A request the browser aborts is cut off here too: CMF must not get half a body.
  req.on('close', () => {
    if (!req.complete) out.destroy();
  });
  if (bytesPerSecond) req.pipe(throttle(bytesPerSecond)).pipe(out);
  else req.pipe(out);
}

/**
 * The CMF 2.4 OpenAPI as Prism can check it: Prism 5 reads every multipart part as a
 * string and refuses the JSON `artifact` part ("must be object"), so the copy declares
 * that part a string (tests/cmf_contract.rs does the same; tests/export.rs validates the
 * part against `Artifact`).
 */
function spec24() {
  const text = readFileSync(join(shared, 'specs/cmf-openapi-2.4.0.yaml'), 'utf8');
  const patched = text.replace(/artifact:\n( +)\$ref: '#\/components\/schemas\/Artifact'/g, 'artifact:\n$1type: string');
  const path = join(mkdtempSync(join(tmpdir(), 'fstudio-e2e-')), 'cmf-openapi-2.4.0-prism.yaml');
  writeFileSync(path, patched);
  return path;
}

/**
 * Starts the stack; resolves to { url, admin(path, body), violations(), close() }.
 * `spec: '2.4'` puts Prism in front with the CMF 2.4 OpenAPI (artifacts, schedules);
 * `uploadBytesPerSecond` slows multipart bodies (artifact uploads) down to that rate.
 */
export async function startCmf(studioUrl, { spec = '2.3.1', uploadBytesPerSecond = 0 } = {}) {
  const prism = join(root, 'tests/cmf/node_modules/.bin/prism');
  if (!existsSync(prism)) throw new Error('Prism is missing: run `npm ci --prefix tests/cmf`');
  const standin = spawn(process.execPath, [join(root, 'tests/cmf/standin.mjs'), '--port', '0']);
  const standinPort = await new Promise((ok, fail) => {
    standin.stdout.once('data', (d) => ok(Number(String(d).match(/listening (\d+)/)?.[1])));
    standin.once('exit', () => fail(new Error('the CMF stand-in exited')));
  });
  const prismPort = await freePort();
  let prismLog = '';
  const specPath = spec === '2.4' ? spec24() : join(shared, 'specs/cmf-openapi.yaml');
  const proxy = spawn(prism, ['proxy', specPath,
    `http://127.0.0.1:${standinPort}`, '--errors', '--host', '127.0.0.1', '--port', String(prismPort)]);
  proxy.stdout.on('data', (d) => (prismLog += d));
  proxy.stderr.on('data', (d) => (prismLog += d));
  await waitForPort(prismPort, 'prism', () => prismLog);
  const front = http.createServer((req, res) => {
    const cmf = req.url.startsWith('/cmf/');
    const slow = cmf && (req.headers['content-type'] ?? '').startsWith('multipart/') ? uploadBytesPerSecond : 0;
    forward(req, res, cmf ? `http://127.0.0.1:${prismPort}` : studioUrl, slow);
  });
  await new Promise((ok) => front.listen(0, '127.0.0.1', ok));
  const admin = async (path, body) => {
    const r = await fetch(`http://127.0.0.1:${standinPort}${path}`, {
      method: body ? 'POST' : 'GET', body: body ? JSON.stringify(body) : undefined,
    });
    return r.json();
  };
  return {
    url: `http://127.0.0.1:${front.address().port}/`,
    admin,
    violations: () => prismLog.split('\n').filter((l) => l.includes('✖') || /violation/i.test(l)),
    close: async () => {
      proxy.kill();
      standin.kill();
      await new Promise((c) => front.close(c));
    },
  };
}

/** The test design of tests/cmf (every CMF kind). */
export const design = () => readFileSync(join(root, 'tests/cmf/design.yaml'), 'utf8');

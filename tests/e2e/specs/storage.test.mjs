// Autosave in IndexedDB (src/ui/persist.rs, storage.rs): no secret value in the browser's
// storage unless the user opts in, a banner names what came back empty, a 10,000-resource
// design survives a crash soon after an edit, earlier local-storage saves move over, and a
// full storage is said plainly with the design file offered instead. Share links carry
// none of the values either.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { baseUrl, launch, Studio, until } from '../lib/studio.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** A FlinkDeployment leaking in the three usual places of a pod template. */
const LEAKY = `apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: leaky, namespace: flink}
spec:
  image: flink:1.20
  flinkVersion: v1_20
  serviceAccount: flink
  jobManager: {resource: {memory: 2048m, cpu: 1}}
  taskManager: {resource: {memory: 2048m, cpu: 1}}
  podTemplate:
    spec:
      containers:
      - name: flink-main-container
        args: ["--db-password", "e2e-args-value"]
        env:
        - {name: DB_PASSWORD, value: e2e-env-value}
        - {name: KAFKA_JAAS, value: "org.apache.kafka.common.security.plain.PlainLoginModule required username='app' password='e2e-jaas-value';"}
`;
const LEAKED = ['e2e-args-value', 'e2e-env-value', 'e2e-jaas-value'];

async function paste(studio, text) {
  const count = await studio.resources();
  await studio.tid('paste-open').click();
  await studio.tid('paste-text').fill(text);
  await studio.tid('paste-import').click();
  await until(() => studio.resources(), (n) => n > count, 'the pasted resource');
}

/** Everything the browser stores for the page, as one text. */
async function storedText(studio) {
  const s = await studio.stored();
  return JSON.stringify(s);
}

test('the Flink SQL template is stored without its secret values, and a reload names them', async () => {
  const studio = await Studio.open(browser);
  const before = await studio.saved();
  await studio.open('flink-sql');
  await studio.savedAfter(before, 'the template saved');
  const { idb, local } = await studio.stored();
  assert.ok(idb && idb.design.includes('kafka-credentials'), 'the design is in IndexedDB');
  assert.ok(!idb.design.includes('change-me') && !idb.design.includes('PLAIN'), 'no secret value in IndexedDB');
  assert.ok(!local.includes('change-me') && !local.includes('kafka-credentials'), 'nothing of the design in localStorage');
  assert.equal(idb.secretsKept, false);
  assert.deepEqual(JSON.parse(idb.forgotten).map((f) => f.what), ['sasl.mechanism', 'sasl.jaas.config']);
  await studio.reload();
  const banner = studio.tid('secrets-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /2 secret value\(s\) were not kept in this browser/);
  const items = await studio.tid('forgotten-item').allTextContents();
  assert.deepEqual(items, ['Secret/kafka-credentials — sasl.mechanism', 'Secret/kafka-credentials — sasl.jaas.config']);
  // Clicking one selects the secret: its values are empty, its keys are there.
  await studio.tid('forgotten-item').nth(1).click();
  assert.equal(await studio.tid('inspector-title').textContent(), 'Secret kafka-credentials');
  await studio.tid('inspector-tab-yaml').click();
  const yaml = await studio.tid('yaml-editor').inputValue();
  assert.match(yaml, /sasl\.jaas\.config: ["']{2}/);
  assert.doesNotMatch(yaml, /change-me/);
  await studio.tid('secrets-banner-dismiss').click();
  assert.equal(await banner.count(), 0);
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('env values, args and a JAAS string in env are stored empty; opting in keeps them', async () => {
  const studio = await Studio.open(browser);
  let before = await studio.saved();
  await paste(studio, LEAKY);
  await studio.savedAfter(before, 'the pasted design saved');
  let text = await storedText(studio);
  assert.ok(text.includes('leaky'), 'the design is stored');
  for (const value of LEAKED) assert.ok(!text.includes(value), `${value} is not stored`);
  const forgotten = JSON.parse((await studio.stored()).idb.forgotten).map((f) => f.what);
  assert.deepEqual(forgotten, ['args: --db-password …', 'env DB_PASSWORD', 'env KAFKA_JAAS: password=…']);

  // Opt in: the values are stored, the choice is remembered across reloads.
  const toggle = studio.tid('remember-secrets-input');
  assert.equal(await toggle.isChecked(), false, 'off by default');
  before = await studio.saved();
  await toggle.check();
  await studio.savedAfter(before, 'the save with secrets');
  text = await storedText(studio);
  for (const value of LEAKED) assert.ok(text.includes(value), `${value} is stored when opted in`);
  await studio.reload();
  assert.equal(await studio.tid('remember-secrets-input').isChecked(), true, 'the choice is remembered');
  assert.equal(await studio.tid('secrets-banner').count(), 0, 'nothing came back empty');
  // Opt out again: the stored copy drops them at once.
  before = await studio.saved();
  await studio.tid('remember-secrets-input').uncheck();
  await studio.savedAfter(before, 'the save without secrets');
  text = await storedText(studio);
  for (const value of LEAKED) assert.ok(!text.includes(value), `${value} is gone again`);
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('a share link of those three places carries none of their values', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const studio = new Studio(await context.newPage());
  await studio.goto();
  await paste(studio, LEAKY);
  await studio.tid('share').click();
  await until(() => studio.tid('message').textContent(), (m) => /Share link/.test(m), 'the share message');
  const link = await studio.page.evaluate(() => navigator.clipboard.readText());
  const other = new Studio(await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage());
  await other.page.goto(link);
  await other.ready();
  await until(() => other.nodeNames(), (n) => n.includes('leaky'), 'the shared design');
  await other.clickNode('leaky');
  await other.tab('inspector');
  await other.tid('inspector-tab-yaml').click();
  const yaml = await other.tid('yaml-editor').inputValue();
  for (const value of LEAKED) assert.doesNotMatch(yaml, new RegExp(value));
  assert.match(yaml, /DB_PASSWORD/);
  assert.match(yaml, /password='<redacted>'/);
  await other.page.context().close();
  await context.close();
});

test('a 10,000-resource design survives a crash a second after an edit and comes back whole', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const studio = new Studio(await context.newPage());
  await studio.page.goto(`${baseUrl()}?generate=10000&autosave=1`);
  await studio.ready();
  const count = await until(() => studio.resources(), (n) => n >= 10000, 'the generated design', 120_000);
  await until(() => studio.tid('status').getAttribute('data-validator'), (v) => v === 'worker', 'the worker');
  // The edit: a resource whose invalid name a rule reports.
  await paste(studio, 'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: Crash.Proof, namespace: flink}\n');
  assert.equal(await studio.resources(), count + 1);
  await new Promise((r) => setTimeout(r, 1000));
  // The renderer dies: no pagehide, no unload, nothing more runs on the page or its worker.
  const crashed = studio.page.waitForEvent('crash');
  const cdp = await context.newCDPSession(studio.page);
  cdp.send('Page.crash').catch(() => {});
  await crashed;
  const back = new Studio(await context.newPage());
  await back.page.goto(baseUrl());
  await back.ready();
  await until(() => back.resources(), (n) => n === count + 1, 'the whole design back', 120_000);
  await back.tab('findings');
  await back.tid('filter-rule').selectOption('NAME-FKO-001');
  const found = await until(() => back.findings('NAME-FKO-001'), (f) => f.some((x) => x.message.includes('Crash.Proof')), 'the edit');
  assert.ok(found.length >= 1);
  await context.close();
});

test('what earlier versions left in local storage moves to IndexedDB and leaves local storage', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const legacy = JSON.stringify({
    apiVersion: 'studio.flinkstudio.dev/v1',
    kind: 'Design',
    metadata: { name: 'old' },
    spec: { resources: [{ id: 0, manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'old-creds', namespace: 'flink' }, stringData: { password: 'legacy-value' } } }] },
  });
  await context.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('flink-studio/design/v2', text);
    }
  }, legacy);
  const studio = new Studio(await context.newPage());
  await studio.goto();
  await until(() => studio.nodeNames(), (n) => n.includes('old-creds'), 'the design saved by an earlier version');
  await studio.savedAfter('', 'the move to IndexedDB');
  const { idb, local } = await studio.stored();
  assert.ok(idb.design.includes('old-creds'), 'in IndexedDB');
  assert.ok(!idb.design.includes('legacy-value'), 'without its secret value');
  assert.equal(local, '{}', 'local storage holds nothing any more');
  await context.close();
});

test('a full storage is said plainly and the design file is offered instead', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseUrl()).origin, quotaSize: 20_000 });
  const studio = new Studio(page);
  await page.goto(`${baseUrl()}?generate=300&autosave=1`);
  await studio.ready();
  await paste(studio, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one-more, namespace: flink}\n');
  const problem = studio.tid('storage-problem');
  await problem.waitFor({ timeout: 20_000 });
  assert.match(await studio.tid('message').textContent(), /Autosave failed: the browser's storage for this page is full\. Your work is not kept in this browser; save the design file to keep it\./);
  const download = page.waitForEvent('download');
  await studio.tid('storage-save').click();
  assert.match((await download).suggestedFilename(), /\.fstudio\.yaml$/);
  studio.errors.length = 0;
  await context.close();
});

test('without IndexedDB (and without the worker) the studio says so and keeps working', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  await context.route('**/public/worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
      },
    });
  });
  const studio = new Studio(await context.newPage());
  await studio.goto();
  const problem = studio.tid('storage-problem');
  await problem.waitFor();
  assert.match(await problem.getAttribute('title'), /Autosave failed: the browser's storage is unavailable \(InvalidStateError: IndexedDB is disabled\)/);
  // The page validates and edits as usual.
  await paste(studio, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: still-works, namespace: flink}\n');
  await until(() => studio.tid('status').getAttribute('data-validator'), (v) => v === 'page', 'validation on the page');
  assert.ok((await studio.nodeNames()).includes('still-works'));
  assert.equal(await studio.saved(), '', 'nothing was stored');
  await context.close();
});

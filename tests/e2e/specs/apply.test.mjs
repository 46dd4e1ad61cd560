// Apply to CMF on the canvas UI: a template opened from the templates menu is planned,
// applied step by step and read back; edits made in the inspector (form and YAML tab)
// plan as updates with their diffs; an injected failure stops the apply and a new plan
// resumes; server errors read clearly; a design with errors is refused unless overridden.
// Against the CMF stand-in behind Prism's validating proxy, reached on the studio's origin.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { startCmf } from '../lib/cmf.mjs';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
let cmf;
before(async () => {
  cmf = await startCmf(process.env.E2E_BASE_URL);
  process.env.E2E_BASE_URL = cmf.url; // this file runs in its own process
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => {
  await browser?.close();
  await cmf?.close();
});

/** Shows the Apply tab of the side column. */
async function openApply() {
  await studio.tab('apply');
  await studio.tid('apply-plan').waitFor();
}

async function plan() {
  await openApply();
  await studio.plan();
}

/** Replaces `from` by `to` in the YAML tab of the inspector for the node `name`. */
async function editYaml(name, from, to) {
  await studio.tab('inspector');
  await studio.clickNode(name);
  await studio.tid('inspector-tab-yaml').click();
  const editor = studio.tid('yaml-editor');
  const text = await editor.inputValue();
  assert.ok(text.includes(from), `${name}'s YAML has ${from}:\n${text}`);
  const before = await studio.validations();
  await editor.fill(text.replace(from, to));
  // Applied once typing pauses (the editor's debounce), before the tab is left.
  await studio.validated(before, `validation after editing ${name}`);
  await studio.tid('inspector-tab-form').click();
}

// The Flink SQL template's CMF objects in dependency order (secrets before mappings
// before catalogs before databases; the environment before what lives in it).
const ORDER = ['development', 'kafka-credentials', 'kafka-connection', 'kafka-cat', 'orders', 'pool', 'big-orders'];

test('the default URL is the page itself (the dev server proxies /cmf)', async () => {
  await openApply();
  assert.equal(await studio.tid('apply-url').inputValue(), new URL(cmf.url).origin);
});

test('the Apply tab sits beside the canvas at 1280x720 without covering it', async () => {
  const before = await studio.tid('canvas').boundingBox();
  await openApply();
  const canvas = await studio.tid('canvas').boundingBox();
  assert.deepEqual(canvas, before, 'the canvas keeps its size');
  assert.ok(canvas.height >= 500, `canvas height ${canvas.height}`);
  const panel = await studio.tid('apply-panel').boundingBox();
  assert.ok(panel.x >= canvas.x + canvas.width, 'the panel is beside the canvas');
  assert.ok(panel.x + panel.width <= 1280, 'the panel fits in the window');
  const page = await studio.page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  assert.ok(page[0] <= page[1], `the fifth tab does not widen the page (${page})`);
  const tabs = await studio.page.locator('[role="tab"]').evaluateAll((ts) =>
    ts.filter((t) => t.scrollWidth > t.clientWidth).map((t) => t.textContent));
  assert.deepEqual(tabs, [], 'no tab label is cut');
});

test('a template from the templates menu is planned, applied step by step, and read back', async () => {
  await studio.open('flink-sql');
  await until(() => studio.resources(), (n) => n === 9, 'the Flink SQL template');
  await plan();
  assert.deepEqual(await studio.planRows(), ORDER.map((n) => `create ${n} waiting`));
  const requests = await studio.tid('plan-step').locator('code').allTextContents();
  assert.equal(requests[0], 'POST /cmf/api/v1/environments');
  assert.equal(requests[6], 'POST /cmf/api/v1/environments/development/statements');
  assert.deepEqual(await studio.tid('plan-absent').locator('li').count(), 0, 'nothing on the server yet');

  await studio.tid('apply-apply').click();
  await until(() => studio.planRows(), (r) => r.every((x) => x.endsWith('applied')), 'every step applied');
  const answers = await studio.tid('plan-answer').allTextContents();
  assert.match(answers[0], /^20[01] Environment development created/);
  assert.match(answers[1], /^20[01] Secret kafka-credentials created/);
  assert.match(answers[6], /^20[01] Statement big-orders in environment development created/);
  assert.equal(await studio.tid('apply-outcome').textContent(), 'Applied 7 step(s).');
  const live = await until(() => studio.tid('live-status').allTextContents(), (l) => l.length > 0, 'statuses');
  assert.ok(live.some((l) => /Statement big-orders in environment development: RUNNING/.test(l)), live.join('\n'));
  const log = await cmf.admin('/__admin/log');
  assert.ok(log.includes('POST /cmf/api/v1/environments/development/statements'), log.join('\n'));

  await studio.tab('findings');
  await openApply();
  assert.equal((await studio.planRows()).length, 7, 'the plan survives a tab switch');
  assert.equal((await studio.tid('live-status').allTextContents()).length, live.length);
  const width = await studio.page.evaluate(() => {
    const body = document.querySelector('[data-testid="apply-panel"]').parentElement;
    return [body.scrollWidth, body.clientWidth];
  });
  assert.ok(width[0] <= width[1], `the plan fits the side column (${width})`);

  await plan();
  assert.deepEqual(await studio.planRows(), ORDER.map((n) => `unchanged ${n} unchanged`));
  assert.equal(await studio.tid('apply-apply').isDisabled(), true, 'nothing to apply');
});

test('Compare in Review takes the baseline from CMF and reviews the design against it', async () => {
  await openApply();
  await studio.tid('apply-compare').click();
  const baseline = await until(
    () => studio.tid('review-baseline').textContent().catch(() => ''),
    (t) => t.includes('CMF at'),
    'the baseline read from CMF',
  );
  assert.match(baseline, /^Baseline: CMF at http/);
  assert.match(await studio.tid('review-summary').textContent(), /^0 changed, 0 added, 0 removed \(7 unchanged\)/);
  // New SQL for the statement CMF runs: CMF rejects the change.
  await editYaml('big-orders', 'WHERE amount > 1000', 'WHERE amount > 5000');
  await studio.tab('review');
  const card = studio.page.locator('[data-testid="review-change"][data-name="big-orders"]');
  await until(() => card.getAttribute('data-action'), (a) => a === 'reject', 'the rejected statement');
  assert.equal(await studio.tid('review-summary').getAttribute('data-refused'), '1');
  const rules = await card.locator('[data-testid="review-finding"]').evaluateAll((fs) => fs.map((f) => f.dataset.rule));
  assert.ok(rules.includes('CMF-CHG-002'), rules.join(', '));
  await editYaml('big-orders', 'WHERE amount > 5000', 'WHERE amount > 1000');
  await studio.tab('review');
  await until(() => studio.tid('review-summary').getAttribute('data-refused'), (n) => n === '0', 'the edit undone');
  await studio.tid('baseline-clear').click();
  assert.deepEqual(studio.errors, []);
  // The next test starts from a plan of the unchanged design.
  await plan();
  assert.deepEqual(await studio.planRows(), ORDER.map((n) => `unchanged ${n} unchanged`));
});

test('edits in the inspector reset the plan and plan as updates with their diffs', async () => {
  assert.equal(await studio.tid('plan').count(), 1);
  await studio.tab('inspector');
  await studio.clickNode('big-orders');
  await studio.setField('/spec/parallelism', '3');
  await openApply();
  assert.equal(await studio.tid('plan').count(), 0, 'the plan made before the edit is gone');
  await editYaml('orders', 'kafka.confluent.svc.cluster.local:9092', 'kafka-2.confluent.svc.cluster.local:9092');
  await plan();
  const expected = ORDER.map((n) => `unchanged ${n} unchanged`);
  expected[4] = 'update orders waiting';
  expected[6] = 'update big-orders waiting';
  assert.deepEqual(await studio.planRows(), expected);
  assert.deepEqual(await studio.tid('plan-diff').allTextContents(), [
    '/spec/kafkaCluster/connectionConfig/bootstrap.servers: "kafka.confluent.svc.cluster.local:9092" → "kafka-2.confluent.svc.cluster.local:9092"',
    '/spec/parallelism: (absent) → 3',
  ]);
  const requests = await studio.tid('plan-step').locator('code').allTextContents();
  assert.equal(requests[4], 'PUT /cmf/api/v1/catalogs/kafka/kafka-cat/databases/orders');
  assert.equal(requests[6], 'PUT /cmf/api/v1/environments/development/statements/big-orders');
});

test('a failure stops the apply, says what was not applied, and a new plan resumes', async () => {
  await cmf.admin('/__admin/fail', {
    method: 'PUT', path: '/cmf/api/v1/catalogs/kafka/kafka-cat/databases/orders', status: 500,
  });
  await studio.tid('apply-apply').click();
  await until(() => studio.planRows(), (r) => r[4].endsWith('failed'), 'the failed step');
  const r = await studio.planRows();
  assert.equal(r[6], 'update big-orders not-applied');
  const answers = await studio.tid('plan-answer').allTextContents();
  assert.match(answers[4], /500 server error in CMF: injected failure/);
  assert.match(answers[6], /not applied/);
  assert.match(await studio.tid('apply-outcome').textContent(), /Stopped at the first failure: 0 applied, 2 not applied/);

  await plan();
  assert.deepEqual((await studio.planRows()).filter((x) => x.startsWith('update')), [
    'update orders waiting', 'update big-orders waiting',
  ]);
  await studio.tid('apply-apply').click();
  await until(() => studio.planRows(), (x) => x[4].endsWith('applied') && x[6].endsWith('applied'), 'the resumed steps');
  assert.match((await studio.tid('plan-answer').allTextContents())[6], /^200 Statement big-orders .*updated/);
  await plan();
  assert.deepEqual(await studio.planRows(), ORDER.map((n) => `unchanged ${n} unchanged`));
});

test('server errors read clearly and the token is never stored', async () => {
  await openApply();
  await studio.tid('apply-auth').selectOption('bearer');
  await studio.tid('apply-token').fill('tok-987654');
  await cmf.admin('/__admin/fail', { method: 'GET', path: '/cmf/api/v1/environments', status: 500 });
  await plan();
  assert.match(await studio.tid('apply-error').textContent(), /GET \/cmf\/api\/v1\/environments: 500 server error in CMF/);
  await studio.page.evaluate(() => window.dispatchEvent(new Event('pagehide'))); // forces an autosave
  await until(() => studio.tid('status').getAttribute('data-saved'), (s) => s !== '', 'the autosave');
  const stored = JSON.stringify(await studio.stored());
  assert.ok(stored.length > 100, 'the design was saved');
  assert.ok(!stored.includes('tok-987654'), 'the token is not in web storage (IndexedDB, local, session)');
  assert.ok(!studio.page.url().includes('tok-987654'), 'nor in the address');
  await studio.tid('apply-auth').selectOption('none');
});

test('a design with errors is refused unless overridden', async () => {
  await studio.open('flink-sql-broken');
  await until(() => studio.tid('apply-refusal').count(), (n) => n === 1, 'the refusal');
  assert.match(await studio.tid('apply-refusal').textContent(), /error finding\(s\): applying is refused/);
  await plan();
  const r = await studio.planRows();
  assert.ok(r.includes('create kafka-conn waiting'), JSON.stringify(r));
  assert.equal(await studio.tid('apply-apply').isDisabled(), true, 'refused');
  await studio.tid('apply-override').check();
  assert.equal(await studio.tid('apply-apply').isEnabled(), true, 'overridden knowingly');
  await studio.tid('apply-override').uncheck();
});

test('Prism flagged nothing the studio sent', async () => {
  const flagged = cmf.violations().filter((l) => !l.includes('injected'));
  assert.deepEqual(flagged, []);
  assert.deepEqual(studio.errors.filter((e) => !/\b500\b/.test(e)), []);
  assert.deepEqual(await studio.cspViolations(), []);
});

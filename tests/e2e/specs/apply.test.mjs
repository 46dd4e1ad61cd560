// Apply to CMF: plan, apply, statuses, failures, refusal — against the CMF stand-in
// behind Prism's validating proxy, reached on the studio's own origin.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { design, startCmf } from '../lib/cmf.mjs';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
let cmf;
before(async () => {
  cmf = await startCmf(process.env.E2E_BASE_URL);
  process.env.E2E_BASE_URL = cmf.url; // this file runs in its own process
  browser = await launch();
  studio = await Studio.open(browser);
  await studio.tid('apply-panel').locator('summary').click();
});
after(async () => {
  await browser?.close();
  await cmf?.close();
});

const rows = () =>
  studio.tid('plan-step').evaluateAll((trs) =>
    trs.map((tr) => `${tr.dataset.action} ${tr.dataset.name} ${tr.dataset.state}`),
  );

async function plan() {
  await until(() => studio.tid('apply-plan').isEnabled(), Boolean, 'the Plan button');
  await studio.tid('apply-plan').click();
  await until(() => studio.tid('apply-busy').textContent(), (t) => t === '', 'the plan to finish');
}

test('the default URL is the page itself (the dev server proxies /cmf)', async () => {
  assert.equal(await studio.tid('apply-url').inputValue(), new URL(cmf.url).origin);
});

test('a template is planned, applied step by step, and its statuses read back', async () => {
  await studio.open('cmf-application');
  await until(() => studio.nodeNames(), (n) => n.length === 2, 'the example resources');
  await plan();
  assert.deepEqual(await rows(), ['create staging waiting', 'create clickstream waiting']);
  await studio.tid('apply-apply').click();
  await until(rows, (r) => r.every((x) => x.endsWith('applied')), 'every step applied');
  const answers = await studio.tid('plan-answer').allTextContents();
  assert.match(answers[0], /^200 Environment staging created/);
  assert.match(answers[1], /^201 FlinkApplication clickstream in environment staging created/);
  assert.equal(await studio.tid('apply-outcome').textContent(), 'Applied 2 step(s).');
  const live = await until(() => studio.tid('live-status').allTextContents(), (l) => l.length === 1, 'statuses');
  assert.match(live[0], /FlinkApplication clickstream in environment staging: RUNNING/);

  await plan();
  assert.deepEqual(await rows(), ['unchanged staging unchanged', 'unchanged clickstream unchanged']);
  assert.equal(await studio.tid('apply-apply').isDisabled(), true, 'nothing to apply');
});

test('an update shows its diff; a failure stops the apply and a new plan resumes', async () => {
  await studio.tid('fit').click(); // the drawer's plan table leaves the canvas little room
  await studio.clickNode('clickstream');
  await studio.setField('/spec/job/parallelism', 6);
  await plan();
  assert.deepEqual(await rows(), ['unchanged staging unchanged', 'update clickstream waiting']);
  assert.deepEqual(await studio.tid('plan-diff').allTextContents(), ['/spec/job/parallelism: 4 → 6']);
  await cmf.admin('/__admin/fail', { method: 'POST', path: '/cmf/api/v1/environments/staging/applications', status: 500 });
  await studio.tid('apply-apply').click();
  await until(rows, (r) => r[1].endsWith('failed'), 'the failed step');
  assert.match((await studio.tid('plan-answer').allTextContents())[1], /500 server error in CMF: injected failure/);
  assert.match(await studio.tid('apply-outcome').textContent(), /Stopped at the first failure/);
  await plan();
  assert.deepEqual(await rows(), ['unchanged staging unchanged', 'update clickstream waiting']);
  await studio.tid('apply-apply').click();
  await until(rows, (r) => r[1].endsWith('applied'), 'the resumed step');
});

test('server errors read clearly and the token is never stored', async () => {
  await studio.tid('apply-auth').selectOption('bearer');
  await studio.tid('apply-token').fill('tok-987654');
  await cmf.admin('/__admin/fail', { method: 'GET', path: '/cmf/api/v1/environments', status: 500 });
  await plan();
  assert.match(await studio.tid('apply-error').textContent(), /GET \/cmf\/api\/v1\/environments: 500 server error in CMF/);
  const stored = await studio.page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes('tok-987654'), 'the token is not in local storage');
  await studio.tid('apply-auth').selectOption('none');
});

test('a design with errors is refused unless overridden', async () => {
  await studio.open('broken');
  await studio.tid('paste-open').click();
  await studio.tid('paste-text').fill(design().replace('name: orders', 'name: Orders_App'));
  await studio.tid('paste-import').click();
  await until(() => studio.tid('apply-refusal').count(), (n) => n === 1, 'the refusal');
  assert.match(await studio.tid('apply-refusal').textContent(), /error finding\(s\): applying is refused/);
  await plan();
  assert.ok((await rows()).some((r) => r.startsWith('create Orders_App')), JSON.stringify(await rows()));
  assert.equal(await studio.tid('apply-apply').isDisabled(), true, 'refused');
  await studio.tid('apply-override').check();
  assert.equal(await studio.tid('apply-apply').isEnabled(), true, 'overridden knowingly');
});

test('Prism flagged nothing the studio sent', async () => {
  const flagged = cmf.violations().filter((l) => !l.includes('injected'));
  assert.deepEqual(flagged, []);
  assert.deepEqual(studio.errors.filter((e) => !e.includes('500')), []);
  assert.deepEqual(await studio.cspViolations(), []);
});

// Validation runs in a Web Worker (src/ui/validation.rs): results arrive asynchronously,
// a burst of edits ends with the findings of the last design, and without the worker the
// page validates by itself and says so.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** Error, warning and info counts as shown in the summary bar. */
async function counts(studio) {
  const n = async (sev) => parseInt(await studio.tid(`count-${sev}`).textContent(), 10);
  return { errors: await n('error'), warnings: await n('warning'), infos: await n('info') };
}

test('the rules run in the worker and its findings reach the page', async () => {
  const studio = await Studio.open(browser);
  await until(() => studio.tid('status').getAttribute('data-validator'), (v) => v === 'worker', 'the worker');
  await studio.open('session-cluster-broken');
  const { errors } = await counts(studio);
  assert.ok(errors > 0, 'the broken template has errors');
  // A finding knows its resource: clicking it selects the node (ids crossed the boundary).
  await studio.tab('findings');
  await studio.page.locator('[data-testid="finding"][data-severity="error"].clickable').first().click();
  await until(() => studio.page.locator('[data-testid="node"].selected').count(), (n) => n === 1, 'a selected node');
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('the worker runs the page\'s own module: one wasm download for both', async () => {
  // No service worker: its install would fetch the shell a second time on purpose.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const requested = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const studio = new Studio(await context.newPage());
  await studio.goto();
  await until(() => studio.tid('status').getAttribute('data-validator'), (v) => v === 'worker', 'the worker');
  await studio.open('session-cluster-broken');
  assert.ok(parseInt(await studio.tid('count-error').textContent(), 10) > 0, 'the worker validates');
  assert.ok(requested.includes('/public/worker.js'), `the worker's requests are seen: ${requested}`);
  assert.deepEqual(requested.filter((p) => p.endsWith('.wasm')).length, 1, `one wasm: ${requested}`);
  await context.close();
});

test('after a burst of edits the findings are those of the last design', async () => {
  const studio = await Studio.open(browser);
  await studio.open('session-cluster');
  await studio.clickNode('state-machine');
  await studio.tab('inspector');
  const input = studio.page.locator('[data-testid="form"] [data-pointer="/metadata/name"]');
  const good = await counts(studio);
  // Record whether "checking…" is shown while the worker is behind the design.
  await studio.page.evaluate(() => {
    window.__checking = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="checking"]')) window.__checking = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  const before = await studio.validations();
  // Each change is sent while the previous one may still be validated.
  for (const name of ['Bad_Name', 'still.bad!', 'UPPER', 'ok-again', 'Final_Bad']) {
    await input.fill(name);
    await input.press('Enter');
  }
  await studio.validated(before, 'validation of the burst');
  assert.ok(await studio.page.evaluate(() => window.__checking), '"checking…" was shown meanwhile');
  assert.equal(await studio.tid('checking').count(), 0, 'and is gone once the findings match');
  const afterBurst = await counts(studio);
  assert.notDeepEqual(afterBurst, good, 'the last name is reported');
  // A fresh page validates the restored design from scratch: same counts.
  await until(() => studio.tid('status').getAttribute('data-saved'), (s) => s !== '', 'the autosave');
  await studio.reload();
  await until(() => studio.tid('status').getAttribute('data-validator'), (v) => v === 'worker', 'the worker');
  await until(() => counts(studio), (c) => c.errors === afterBurst.errors && c.warnings === afterBurst.warnings, 'the same findings after a reload');
  await studio.page.context().close();
});

test('without the worker the page validates by itself and says so', async () => {
  // No service worker: it would fetch the worker script itself, past the route below.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  await context.route('**/public/worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await context.newPage();
  const studio = new Studio(page);
  await studio.goto();
  await until(() => studio.tid('status').getAttribute('data-validator'), (v) => v === 'page', 'validation on the page');
  await until(() => studio.tid('message').textContent(), (t) => /Validation runs on the page/.test(t ?? ''), 'the message');
  await studio.open('session-cluster-broken');
  const { errors } = await counts(studio);
  assert.ok(errors > 0, 'findings without the worker');
  await context.close();
});

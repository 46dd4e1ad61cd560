// An artifact upload from the studio shows its progress (bytes and percent, from the
// browser's upload progress events) and Cancel cuts it off mid-flight: CMF stores
// nothing of it, the steps that use the artifact are not sent, the card says what was
// done and what was not, and re-planning still has the upload to do. The uploads go
// through a front server slowed to 2 MB/s, so the progress is observable.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { startCmf } from '../lib/cmf.mjs';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
let cmf;
before(async () => {
  cmf = await startCmf(process.env.E2E_BASE_URL, { spec: '2.4', uploadBytesPerSecond: 2_000_000 });
  process.env.E2E_BASE_URL = cmf.url; // this file runs in its own process
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => {
  await browser?.close();
  await cmf?.close();
});

const sent = async () => {
  const bytes = studio.tid('upload-bytes');
  return (await bytes.count()) === 0 ? null : Number(await bytes.getAttribute('data-sent'));
};

test('an upload shows its progress and Cancel cuts it off without half-applying anything', async () => {
  await studio.open('cmf-artifacts');
  await studio.tab('apply');
  await studio.tid('apply-artifacts').waitFor();
  const big = Buffer.alloc(40_000_000, 7); // 40 MB: about 20 s at 2 MB/s
  await studio.chooseArtifact('orders-job.jar', big);
  await studio.chooseArtifact('currency-udf.jar', Buffer.from('udf jar'));
  await studio.plan();
  await studio.tid('apply-apply').click();

  // Progress: the bar appears on the upload's card and moves.
  const first = await until(sent, (n) => n !== null && n > 0 && n < big.length, 'the upload to start');
  const later = await until(sent, (n) => n !== null && n > first, 'the upload to progress', 15_000);
  assert.ok(later < big.length, `still under way: ${later}`);
  const bar = studio.tid('upload-progress');
  assert.ok(Number(await bar.getAttribute('value')) > 0);
  assert.match(await studio.tid('upload-bytes').textContent(), /^uploading \d+\.\d MB of \d+\.\d MB \(\d+ %\)$/);
  const card = studio.page.locator('[data-testid="plan-step"][data-name="orders-job.jar"]');
  assert.equal(await card.getAttribute('data-state'), 'running');

  // Cancel mid-flight.
  await studio.tid('apply-cancel').click();
  const outcome = await until(() => studio.tid('apply-outcome').textContent().catch(() => null), (t) => /^Cancelled/.test(t ?? ''), 'the cancel');
  assert.match(outcome, /Cancelled during the upload of Artifact orders-job.jar in environment development: it was cut off, so CMF did not store it\. 1 step\(s\) applied whole; \d+ not applied/);
  assert.equal(await card.getAttribute('data-state'), 'cancelled');
  assert.match(await card.getByTestId('plan-answer').textContent(), /cancelled: the upload was cut off after \d+\.\d MB of \d+\.\d MB/);
  const states = await studio.planRows();
  const after = states.slice(states.findIndex((r) => r.includes('orders-job.jar')) + 1);
  assert.ok(after.length > 0 && after.every((r) => r.endsWith('not-applied')), states.join('\n'));
  assert.equal(await studio.tid('upload-progress').count(), 0, 'no bar once cut off');

  // Nothing half-applied: CMF has no artifact, and nothing that uses it was sent.
  const listed = await (await fetch(`${cmf.url}cmf/api/v1/environments/development/artifacts`)).json();
  assert.deepEqual(listed.items, []);
  const log = await cmf.admin('/__admin/log');
  assert.ok(!log.some((l) => /POST .*\/(applications|statements|artifacts)$/.test(l)), log.join('\n'));

  // Re-planning still has both uploads to do.
  await studio.plan();
  const again = await studio.planRows();
  assert.ok(again.includes('create orders-job.jar waiting'), again.join('\n'));
  assert.ok(again.includes('create currency-udf.jar waiting'), again.join('\n'));
  assert.deepEqual(cmf.violations(), []);
  assert.deepEqual(studio.errors, []);
});

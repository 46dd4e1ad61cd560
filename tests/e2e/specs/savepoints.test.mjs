// After an apply the Apply tab shows each job's savepoint schedule as CMF reports it
// (status.savepointSchedule) on the plan cards and in the status list; the savepoints
// section lists an application's savepoints, pins one, and deletes those of a source older
// than an age after a confirmation, saying how many went (the pinned one stays). Targeted
// at CMF 2.3.1 the same design is refused naming each feature, and pinning is refused up
// front. Against the CMF stand-in behind Prism with the CMF 2.4 OpenAPI.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { startCmf } from '../lib/cmf.mjs';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
let cmf;
before(async () => {
  cmf = await startCmf(process.env.E2E_BASE_URL, { spec: '2.4' });
  process.env.E2E_BASE_URL = cmf.url; // this file runs in its own process
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => {
  await browser?.close();
  await cmf?.close();
});

const savepointRows = () =>
  studio.tid('savepoint').evaluateAll((trs) => trs.map((tr) => `${tr.dataset.name} ${tr.dataset.pinned}`));

test('schedule status after apply, then list, pin and delete old savepoints', async () => {
  await studio.open('cmf-artifacts');
  await studio.tab('apply');
  await studio.chooseArtifact('orders-job.jar', 'job jar');
  await studio.chooseArtifact('currency-udf.jar', 'udf jar');
  await studio.plan();
  await studio.tid('apply-apply').click();
  await until(() => studio.tid('apply-outcome').textContent().catch(() => null), (t) => /^Applied/.test(t ?? ''), 'the apply');

  // The schedules' runtime status: in the status list and on the plan cards.
  const live = await until(() => studio.tid('live-schedule').allTextContents(), (l) => l.length >= 2, 'schedule statuses');
  assert.ok(live.every((l) => /^savepoint schedule ACTIVE, next \d{4}-\d\d-\d\dT\d\d:00:00Z, no savepoint yet$/.test(l)), live.join('\n'));
  const card = studio.page.locator('[data-testid="plan-step"][data-name="orders"][data-action="create"] [data-testid="plan-schedule"]').first();
  await until(() => card.textContent().catch(() => null), (t) => /^On the server: savepoint schedule ACTIVE/.test(t ?? ''), 'the schedule on the card');

  // Savepoints of the application.
  await cmf.admin('/__admin/savepoints', {
    path: '/cmf/api/v1/environments/development/applications/orders/savepoints',
    items: [
      { name: 'sched-old', source: 'SCHEDULE', ageHours: 240 },
      { name: 'sched-kept', source: 'SCHEDULE', ageHours: 240 },
      { name: 'sched-new', source: 'SCHEDULE', ageHours: 2 },
      { name: 'manual-old', source: 'MANUAL', ageHours: 240 },
    ],
  });
  await studio.tid('savepoints-open').click();
  const label = await studio.tid('savepoints-owner').locator('option', { hasText: 'FlinkApplication orders in environment development' }).getAttribute('value');
  await studio.tid('savepoints-owner').selectOption(label);
  await studio.tid('savepoints-list').click();
  await until(savepointRows, (r) => r.length === 4, 'the savepoints');
  await studio.page.locator('[data-testid="savepoint"][data-name="sched-kept"] [data-testid="savepoint-pin"]').click();
  await until(savepointRows, (r) => r.includes('sched-kept true'), 'the pin');
  assert.equal(await studio.tid('savepoints-message').textContent(), 'sched-kept is pinned.');

  await studio.tid('savepoints-source').selectOption('SCHEDULE');
  await studio.tid('savepoints-age').fill('7');
  await studio.tid('savepoints-delete-old').click();
  assert.equal(
    await studio.tid('savepoints-confirm').evaluate((p) => p.firstChild.textContent),
    'Delete the SCHEDULE savepoints of FlinkApplication orders in environment development older than 7 days? Pinned ones are kept.',
  );
  await studio.tid('savepoints-confirm-delete').click();
  await until(() => studio.tid('savepoints-message').textContent(), (t) => /deleted 1 savepoint/.test(t ?? ''), 'the delete');
  await until(savepointRows, (r) => r.length === 3, 'the list after the delete');
  assert.deepEqual((await savepointRows()).sort(), ['manual-old false', 'sched-kept true', 'sched-new false']);
  const log = await cmf.admin('/__admin/log');
  assert.ok(log.includes('DELETE /cmf/api/v1/environments/development/applications/orders/savepoints'), log.join('\n'));
  assert.deepEqual(cmf.violations(), []);
  assert.deepEqual(studio.errors, []);
});

test('targeted at CMF 2.3.1, the plan is refused naming each feature and pinning up front', async () => {
  await studio.tab('inspector');
  await studio.clickNode('cmf');
  await studio.tid('inspector-tab-yaml').click();
  const editor = studio.tid('yaml-editor');
  const text = await editor.inputValue();
  assert.ok(text.includes('kind: CmfService') && text.includes('version: "2.5.0"'), text);
  const before = await studio.validations();
  await editor.fill(text.replace('version: "2.5.0"', 'version: "2.3.1"'));
  await studio.validated(before, 'validation after the target change');
  await studio.tab('apply');
  const writes = (await cmf.admin('/__admin/log')).filter((l) => !l.startsWith('GET')).length;
  await studio.plan();
  const error = await until(() => studio.tid('apply-error').textContent({ timeout: 500 }).catch(() => null), Boolean, 'the refusal');
  for (const feature of [
    'artifacts (cmf:// URIs), which needs CMF 2.4',
    'savepoint schedules (savepointSchedule), which needs CMF 2.4',
    'statement upgradeMode, which needs CMF 2.4',
    'the service-account allowlist, which needs CMF 2.4',
  ]) assert.ok(error.includes(`CMF 2.3.1 (the design's target) cannot take ${feature}`), `${feature}:\n${error}`);
  assert.equal(
    await studio.tid('savepoints-refused').textContent(),
    'CMF 2.3.1 cannot take pinning and bulk-deleting savepoints, which needs CMF 2.4; nothing was sent',
  );
  assert.equal((await cmf.admin('/__admin/log')).filter((l) => !l.startsWith('GET')).length, writes, 'nothing sent');
  assert.deepEqual(studio.errors, []);
});

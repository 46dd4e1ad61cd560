// CMF 2.4/2.5 in the studio: the artifact template validates clean, a savepoint
// schedule's cron field previews its next runs and says what is wrong with a bad
// expression (which the findings report as CMF-SPS-001), and the palette adds an
// Artifact.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => browser?.close());

const CRON = '/spec/savepointSchedule/cronExpression';

test('a statement savepoint schedule previews its next runs and flags a five-field cron', async () => {
  await studio.open('cmf-artifacts');
  assert.deepEqual(await studio.findings('CMF-SPS-001'), []);
  await studio.tab('inspector');
  await studio.clickNode('orders-in-eur');
  const help = studio.page.locator(`[data-testid="field"][data-field="${CRON}"] [data-testid="field-help"]`);
  await until(() => help.textContent(), (t) => /^next runs \(UTC\): \d{4}-\d\d-\d\d \d\d:00:00, /.test(t ?? ''), 'the next runs');
  await studio.setField(CRON, '0 * * * *');
  await until(() => help.textContent(), (t) => (t ?? '').startsWith('not a valid schedule: 5 fields'), 'the cron error');
  const found = await studio.findings('CMF-SPS-001');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].severity, 'error');
  assert.deepEqual(studio.errors, []);
});

test('the palette adds an Artifact in the environment', async () => {
  await studio.open('cmf-artifacts');
  await studio.add('cmf-artifact');
  assert.ok((await studio.nodeNames()).includes('job'), 'the new artifact is drawn');
  assert.deepEqual(studio.errors, []);
});

test('the configuration panel shows a statement’s effective savepoint schedule and where each field came from', async () => {
  const entries = () =>
    studio.tid('schedule-entry').evaluateAll((trs) =>
      trs.map((tr) => [
        tr.dataset.key,
        tr.querySelector('[data-testid="schedule-value"]').textContent,
        tr.querySelector('[data-testid="schedule-set-at"]').textContent,
        tr.querySelector('[data-testid="schedule-overridden"]')?.textContent ?? null,
      ]),
    );
  const env = 'Environment/development /statementDefaults/detached/savepointSchedule';
  await studio.open('cmf-artifacts');
  await studio.clickNode('orders-in-eur');
  await studio.tab('config');
  // Its own cron; time zone and retention from the environment's detached defaults.
  assert.deepEqual(await until(entries, (e) => e.length === 3, 'the effective schedule'), [
    ['cronExpression', '"0 0 * * * *"', '/spec/savepointSchedule/cronExpression', null],
    ['timezone', '"UTC"', `${env}/timezone`, null],
    ['retention', '{"keepLast":4}', `${env}/retention`, null],
  ]);
  // The broken variant sets fields the environment sets too: the environment's win
  // (struck through: the statement's own), and CMF-SPS-007 says so.
  await studio.open('cmf-artifacts-broken');
  await studio.clickNode('orders-in-eur');
  await studio.tab('config');
  const rows = await until(entries, (e) => e.length === 3 && e[0][3] !== null, 'the overridden schedule');
  assert.deepEqual(rows[0], ['cronExpression', '"0 0 */6 * * *"', `${env}/cronExpression`, '"0 * * * *"']);
  assert.deepEqual(rows[1], ['retention', '{"keepLast":4}', `${env}/retention`, '{"keepLast":24}']);
  const found = await studio.findings('CMF-SPS-007');
  assert.equal(found.length, 2, JSON.stringify(found));
  assert.deepEqual(studio.errors, []);
});

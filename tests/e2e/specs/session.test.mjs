// A real editing session: paste a broken manifest, see the finding at its line, fix it,
// see it go, read the effective configuration, reload and find the text again.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

const broken = `apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: Clicks.Enricher
  namespace: streaming
spec:
  image: flink:1.20
  flinkVersion: v1_20
  serviceAccount: flink
  flinkConfiguration:
    taskmanager.numberOfTaskSlots: "3"
  jobManager:
    resource: {memory: 2048m, cpu: 1}
  taskManager:
    resource: {memory: 2048m, cpu: 1}
  job:
    jarURI: local:///opt/flink/examples/streaming/StateMachineExample.jar
    parallelism: 3
    upgradeMode: stateless
`;
const fixed = broken.replace('Clicks.Enricher', 'clicks-enricher');

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => browser?.close());

test('the page loads the first example with no error and no CSP violation', async () => {
  const tabs = await studio.tid('file-tab-name').allTextContents();
  assert.deepEqual(tabs, ['fko-checkpointed.yaml']);
  const resources = await studio.page.locator('[data-testid="tab-resources"] .count').textContent();
  assert.equal(resources, '2');
  assert.deepEqual(await studio.cspViolations(), []);
  assert.deepEqual(studio.errors, []);
});

test('a pasted invalid name is reported with rule id, resource, pointer and line', async () => {
  await studio.newFile();
  await studio.setText(broken);
  const found = await until(
    () => studio.findings('NAME-FKO-001'),
    (f) => f.length === 1,
    'NAME-FKO-001',
  );
  assert.deepEqual(found[0], {
    severity: 'error',
    location: 'pasted-1.yaml:4',
    message: "'Clicks.Enricher' is not a valid FlinkDeployment name",
    pointer: '/metadata/name',
    resource: 'FlinkDeployment streaming/Clicks.Enricher',
    hint: found[0].hint,
  });
  assert.match(found[0].hint, /^Fix: .*lowercase/);
  const badge = studio.page.locator('.file-tab.active .badge.error');
  assert.ok(Number(await badge.textContent()) >= 1, 'the file tab counts its errors');
});

test('clicking the location selects the offending line in the editor', async () => {
  await studio.page
    .locator('[data-testid="finding"][data-rule="NAME-FKO-001"] [data-testid="finding-location"]')
    .click();
  const selected = await until(
    () =>
      studio.tid('editor').evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd)),
    (s) => s.length > 0,
    'a selection',
  );
  assert.equal(selected, '  name: Clicks.Enricher');
});

test('fixing the name in the text makes the finding disappear', async () => {
  await studio.setText(fixed);
  await until(() => studio.findings('NAME-FKO-001'), (f) => f.length === 0, 'no NAME-FKO-001');
  assert.equal(await studio.page.locator('.file-tab.active .badge.error').count(), 0);
});

test('the effective configuration shows the value and where it was set', async () => {
  await studio.tab('config');
  const row = studio.page.locator(
    '[data-testid="config"][data-resource="clicks-enricher"] [data-testid="config-entry"][data-key="taskmanager.numberOfTaskSlots"]',
  );
  await row.waitFor();
  assert.equal(await row.locator('[data-testid="config-value"]').textContent(), '3');
  const cells = await row.locator('td').allTextContents();
  assert.match(cells[2], /^resource/);
  assert.equal(cells[3], '/spec/flinkConfiguration/taskmanager.numberOfTaskSlots');
});

test('a reload restores the texts and the open file', async () => {
  await studio.reload();
  assert.deepEqual(await studio.tid('file-tab-name').allTextContents(), [
    'fko-checkpointed.yaml',
    'pasted-1.yaml',
  ]);
  assert.equal(await studio.tid('editor').inputValue(), fixed);
  assert.equal(await studio.tid('file-name').inputValue(), 'pasted-1.yaml');
});

test('keystrokes typed in a burst are validated once', async () => {
  await studio.tid('editor').click();
  await studio.page.keyboard.press('Control+End');
  const before = await studio.validations();
  await studio.page.keyboard.type('  restartNonce: 7', { delay: 15 });
  await until(() => studio.validations(), (n) => n > before, 'validation after typing');
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(await studio.validations(), before + 1);
  assert.ok((await studio.tid('editor').inputValue()).endsWith('restartNonce: 7'));
});

test('an edit that leaves the design unchanged (a comment) is not validated again', async () => {
  const before = await studio.validations();
  await studio.page.keyboard.type('\n# a comment', { delay: 15 });
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(await studio.tid('status').getAttribute('data-state'), 'checked');
  assert.equal(await studio.validations(), before);
  assert.deepEqual(studio.errors, []);
});

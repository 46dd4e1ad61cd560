// The configuration panel with environments: two environments compared section by
// section, the compare following an edit made in the inspector, and a selected
// environment showing the defaults it imposes on its jobs.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser);
  await studio.open('flink-sql');
});
after(async () => browser?.close());

// A second CMF environment (REST payload) with a stricter statement default and a value
// that looks like markup.
const PRODUCTION = `name: production
kubernetesNamespace: flink
statementDefaults:
  detached:
    flinkConfiguration:
      execution.checkpointing.interval: 10 s
      pipeline.name: "<b>orders</b>"
`;

const row = (key) =>
  studio.page.locator(`[data-testid="compare-environments"] [data-testid="compare-row"][data-key="${key}"]`);
const cells = (key) => row(key).locator('td').allTextContents();

test('two environments compare section by section, differences highlighted first', async () => {
  await studio.tid('paste-open').click();
  await studio.tid('paste-text').fill(PRODUCTION);
  await studio.tid('paste-import').click();
  await until(() => studio.nodeNames(), (n) => n.includes('production'), 'the pasted environment');
  await studio.tab('config');
  await studio.tid('compare-mode-environments').click();
  const options = await studio.tid('compare-left').locator('option').allTextContents();
  assert.deepEqual(options.slice(1).sort(), ['Environment development', 'Environment production']);
  await studio.tid('compare-left').selectOption('Environment development');
  await studio.tid('compare-right').selectOption('Environment production');
  await row('execution.checkpointing.interval').waitFor();
  assert.deepEqual(await cells('execution.checkpointing.interval'), ['execution.checkpointing.interval', 'not set', '10 s']);
  assert.equal(await row('execution.checkpointing.interval').getAttribute('data-difference'), 'only-right');
  assert.equal(await row('execution.checkpointing.interval').getAttribute('class'), 'differs');
  // User text is shown as text.
  assert.deepEqual(await cells('pipeline.name'), ['pipeline.name', 'not set', '<b>orders</b>']);
  assert.equal(await row('pipeline.name').locator('b').count(), 0);
  // Each section is titled; equal keys (the shared namespace) are folded away.
  const sections = await studio.tid('compare-section').evaluateAll((s) => s.map((e) => e.dataset.section));
  assert.deepEqual(sections, [
    'Placement (kubernetesNamespace)',
    'Detached statement defaults (statementDefaults.detached)',
  ]);
  const namespace = row('kubernetes.namespace');
  assert.equal(await namespace.getAttribute('data-difference'), 'same');
  assert.equal(await namespace.isVisible(), false, 'equal keys start folded');
  await studio.tid('compare-section').first().locator('[data-testid="compare-toggle-equal"]').click();
  assert.equal(await namespace.isVisible(), true);
  assert.deepEqual(await cells('kubernetes.namespace'), ['kubernetes.namespace', 'flink', 'flink']);
  // Whom each environment governs, and who wins.
  const governs = await studio.tid('compare-governs-left').textContent();
  assert.match(governs, /1 compute pool \(pool\)/);
  assert.match(governs, /1 statement \(big-orders\)/);
  assert.match(await studio.tid('compare-governs-right').textContent(), /Governs no application/);
  assert.match(await studio.tid('compare-environments').textContent(), /defaults win over what its applications and statements set/);
});

test('a default changed in the inspector updates the compare', async () => {
  await studio.tid('fit').click();
  await studio.clickNode('development');
  await studio.tab('inspector');
  await until(() => studio.tid('inspector-title').textContent(), (t) => t.endsWith('development'), 'development selected');
  await studio.tid('inspector-tab-yaml').click();
  const editor = studio.tid('yaml-editor');
  const text = await editor.inputValue();
  const before = await studio.validations();
  await editor.fill(
    `${text.trimEnd()}\nstatementDefaults:\n  detached:\n    flinkConfiguration:\n      execution.checkpointing.interval: 30 s\n`,
  );
  await studio.tid('inspector-tab-form').click();
  await until(() => studio.validations(), (n) => n > before, 'validation after the YAML edit');
  await studio.tab('config');
  const updated = await until(
    () => cells('execution.checkpointing.interval'),
    (c) => c[1] === '30 s',
    'the compare to follow the edit',
  );
  assert.deepEqual(updated, ['execution.checkpointing.interval', '30 s', '10 s']);
  assert.equal(await row('execution.checkpointing.interval').getAttribute('data-difference'), 'different');
  // Highlighted on both sides: both value cells carry the difference background.
  const backgrounds = await row('execution.checkpointing.interval')
    .locator('td')
    .evaluateAll((tds) => tds.map((td) => getComputedStyle(td).backgroundColor));
  const plain = await studio.page
    .locator('[data-testid="compare-environments"] table')
    .first()
    .evaluate((t) => getComputedStyle(t).backgroundColor);
  assert.notEqual(backgrounds[1], plain);
  assert.equal(backgrounds[1], backgrounds[2]);
});

test('a selected environment shows the defaults it imposes on its jobs', async () => {
  // development is still selected from the previous test.
  const panel = studio.tid('environment-defaults');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-resource'), 'development');
  assert.match(await studio.tid('environment-governs').textContent(), /1 compute pool \(pool\), 1 statement \(big-orders\)/);
  const sections = await panel.locator('[data-testid="defaults-section"]').allTextContents();
  assert.deepEqual(sections, [
    'Placement (kubernetesNamespace)',
    'Detached statement defaults (statementDefaults.detached)',
  ]);
  const value = panel.locator('[data-testid="default-entry"][data-key="execution.checkpointing.interval"] [data-testid="default-value"]');
  assert.equal(await value.textContent(), '30 s');
  assert.equal(await studio.tid('config-hint').count(), 0, 'not "runs no Flink job"');
  // The statement it governs receives that value: the environment wins.
  await studio.clickNode('big-orders');
  const job = studio.page.locator(
    '[data-testid="config"] [data-testid="config-entry"][data-key="execution.checkpointing.interval"]',
  );
  await until(() => job.count(), (n) => n > 0, 'the statement configuration');
  assert.equal(await job.last().locator('[data-testid="config-value"]').textContent(), '30 s');
  assert.match(await job.last().textContent(), /environment-statement-defaults/);
  assert.deepEqual(studio.errors, []);
});

test("an environment's application defaults are edited in the inspector's table", async () => {
  await studio.clickNode('development');
  await studio.tab('inspector');
  const table = studio.page.locator('[data-testid="flink-config"][data-map="/flinkApplicationDefaults/spec/flinkConfiguration"]');
  assert.match(await table.locator('h3').textContent(), /Application defaults/);
  const before = await studio.validations();
  await table.locator('[data-testid="config-new-key"]').fill('parallelism.default');
  await table.locator('[data-testid="config-new-value"]').fill('3');
  await table.locator('[data-testid="config-add"]').click();
  await studio.validated(before, 'validation after adding a default');
  await table.locator('[data-testid="config-row"][data-key="parallelism.default"]').waitFor();
  await studio.tab('config');
  const value = studio.page.locator(
    '[data-testid="environment-defaults"] [data-testid="default-entry"][data-key="parallelism.default"] [data-testid="default-value"]',
  );
  await until(() => value.count(), (n) => n === 1, 'the new application default');
  assert.equal(await value.textContent(), '3');
  assert.deepEqual(studio.errors, []);
});

// The inspector's form as the core describes it (core::forms): enum selects list what the
// CRD accepts, every place a kind keeps Flink configuration gets a table, and a value of an
// enum option is offered from the option catalog.
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

/** The `spec.flinkVersion` enum of the FlinkDeployment CRD (shared/specs/crds, FKO 1.14+). */
const CRD_FLINK_VERSIONS = [
  'v1_13', 'v1_14', 'v1_15', 'v1_16', 'v1_17', 'v1_18', 'v1_19', 'v1_20',
  'v2_0', 'v2_1', 'v2_2', 'v2_3', 'v2_4',
];

const optionValues = (select) => select.locator('option').evaluateAll((os) => os.map((o) => o.value));

test('the Flink version select lists what the CRD accepts, and a newer version can be chosen', async () => {
  await studio.open('session-cluster');
  await studio.tab('inspector');
  await studio.clickNode('session-cluster');
  const select = studio.page.locator('[data-testid="form"] select[data-pointer="/spec/flinkVersion"]');
  assert.deepEqual(await optionValues(select), ['', ...CRD_FLINK_VERSIONS]);
  await studio.setField('/spec/flinkVersion', 'v2_4');
  await studio.tid('inspector-tab-yaml').click();
  assert.match(await studio.tid('yaml-editor').inputValue(), /flinkVersion: v2_4/);
  await studio.tid('inspector-tab-form').click();
  assert.equal(await select.inputValue(), 'v2_4');
  assert.deepEqual(studio.errors, []);
});

test('a blue/green deployment edits its template: fields, version choices and configuration', async () => {
  await studio.add('fko-blue-green');
  await studio.tab('inspector');
  const select = studio.page.locator('[data-testid="form"] select[data-pointer="/spec/template/spec/flinkVersion"]');
  assert.deepEqual(await optionValues(select), ['', ...CRD_FLINK_VERSIONS]);
  assert.equal(await select.inputValue(), 'v1_20');
  const table = studio.page.locator('[data-testid="flink-config"][data-map="/spec/template/spec/flinkConfiguration"]');
  await table.locator('[data-testid="config-row"][data-key="taskmanager.numberOfTaskSlots"]').waitFor();
  assert.deepEqual(studio.errors, []);
});

test("an environment shows a table per defaults block; enum option values are offered", async () => {
  await studio.open('flink-sql');
  await studio.tab('inspector');
  await studio.clickNode('development');
  await until(() => studio.tid('inspector-title').textContent(), (t) => t.endsWith('development'), 'development selected');
  const maps = await studio.tid('flink-config').evaluateAll((ts) => ts.map((t) => t.dataset.map));
  assert.deepEqual(maps, [
    '/flinkApplicationDefaults/spec/flinkConfiguration',
    '/statementDefaults/detached/flinkConfiguration',
    '/statementDefaults/interactive/flinkConfiguration',
    '/computePoolDefaults/clusterSpec/flinkConfiguration',
  ]);
  const interactive = studio.page.locator('[data-testid="flink-config"][data-map="/statementDefaults/interactive/flinkConfiguration"]');
  assert.match(await interactive.locator('h3').textContent(), /Interactive statement defaults/);
  await interactive.locator('[data-testid="config-new-key"]').fill('execution.checkpointing.mode');
  const offered = interactive.locator('[data-testid="config-new-value-choices"] option');
  await until(() => offered.evaluateAll((os) => os.map((o) => o.value)), (v) => v.length === 2, 'the enum values');
  assert.deepEqual(await offered.evaluateAll((os) => os.map((o) => o.value)), ['EXACTLY_ONCE', 'AT_LEAST_ONCE']);
  const before = await studio.validations();
  await interactive.locator('[data-testid="config-new-value"]').fill('AT_LEAST_ONCE');
  await interactive.locator('[data-testid="config-add"]').click();
  await studio.validated(before, 'validation after adding an interactive default');
  const row = interactive.locator('[data-testid="config-row"][data-key="execution.checkpointing.mode"]');
  assert.equal(await row.locator('input').inputValue(), 'AT_LEAST_ONCE');
  assert.equal(await row.locator('[data-testid="config-value-choices"] option').count(), 2);
  assert.deepEqual(studio.errors, []);
});

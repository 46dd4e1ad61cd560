// The side panels: findings filters, configuration compare, design file save and open.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser, { acceptDownloads: true });
  await studio.open('broken');
});
after(async () => browser?.close());

const shown = () =>
  studio.page.locator('[data-testid="finding"]').evaluateAll((fs) => fs.map((f) => `${f.dataset.severity} ${f.dataset.rule}`));

test('findings filter by severity and by rule', async () => {
  await studio.tab('findings');
  const all = await shown();
  assert.ok(all.some((f) => f.startsWith('error')) && all.some((f) => !f.startsWith('error')), all.join());
  await studio.tid('filter-error').uncheck();
  const noErrors = await until(shown, (s) => s.length < all.length, 'errors hidden');
  assert.ok(noErrors.every((f) => !f.startsWith('error')));
  await studio.tid('filter-error').check();
  await studio.tid('filter-rule').selectOption('NAME-FKO-001');
  const one = await until(shown, (s) => s.length === 2, 'one rule');
  assert.deepEqual(one, ['error NAME-FKO-001', 'error NAME-FKO-001']);
});

test('two jobs compare side by side, differences marked', async () => {
  await studio.open('session-cluster');
  await studio.add('fko-session-cluster');
  const added = (await studio.tid('inspector-title').textContent()).replace('FlinkDeployment ', '');
  await studio.tid('config-new-key').fill('parallelism.default');
  const before = await studio.validations();
  await studio.tid('config-new-value').fill('7');
  await studio.tid('config-add').click();
  await studio.validated(before, 'validation after adding a key');
  await studio.tab('config');
  const options = await studio.tid('compare-left').locator('option').allTextContents();
  const left = options.find((o) => o.startsWith('FlinkDeployment flink/session-cluster'));
  const right = options.find((o) => o.startsWith("FlinkDeployment") && o.includes(added));
  assert.ok(left && right, options.join());
  await studio.tid('compare-left').selectOption(left);
  await studio.tid('compare-right').selectOption(right);
  const row = studio.page.locator('[data-testid="compare-row"][data-key="parallelism.default"]');
  assert.deepEqual(await row.locator('td').allTextContents(), ['parallelism.default', '1', '7'], 'Flink default against the value set');
  assert.equal(await row.getAttribute('class'), 'differs');
  const same = studio.page.locator('[data-testid="compare-row"]:not(.differs)');
  assert.ok((await same.count()) > 0, 'keys both share are not marked');
});

test('the design file saved is the one opened again, positions included', async () => {
  await studio.dragNode('session-cluster', 80, 0);
  const [download] = await Promise.all([studio.page.waitForEvent('download'), studio.tid('save-design').click()]);
  assert.match(download.suggestedFilename(), /\.fstudio\.yaml$/);
  const text = readFileSync(await download.path(), 'utf8');
  assert.match(text, /kind: Design/);
  assert.match(text, /position:/);
  const names = (await studio.nodeNames()).sort();
  await studio.open('broken');
  await studio.tid('file-input').setInputFiles([{ name: 'mine.fstudio.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) }]);
  await until(async () => (await studio.nodeNames()).sort().join(), (n) => n === names.join(), 'the design back');
  await studio.page.keyboard.press('Escape');
  assert.deepEqual(studio.errors, []);
});

test('the YAML tab parses as you type: errors inline, a valid edit applies and the form follows', async () => {
  await studio.open('session-cluster');
  await studio.clickNode('state-machine');
  await studio.tab('inspector');
  await studio.tid('inspector-tab-yaml').click();
  const editor = studio.tid('yaml-editor');
  const text = await editor.inputValue();
  assert.match(text, /name: state-machine/);
  await editor.fill(`${text}\n  broken: [unclosed\n`);
  const problem = await until(() => studio.tid('yaml-problem').allTextContents(), (p) => p.length > 0, 'an inline error');
  assert.match(problem[0], /^line \d+: /);
  const before = await studio.validations();
  await editor.fill(text.replace('parallelism: 2', 'parallelism: 5'));
  await studio.validated(before, 'validation after the YAML edit');
  assert.equal(await studio.tid('yaml-problem').count(), 0);
  await studio.tid('inspector-tab-form').click();
  assert.equal(await studio.page.locator('[data-testid="form"] [data-pointer="/spec/job/parallelism"]').inputValue(), '5');
});

test('the reference policy: a template is complete (missing targets are errors); unticked, they are warnings naming what must exist', async () => {
  await studio.open('session-cluster');
  await studio.tab('findings');
  assert.equal(await studio.tid('complete-toggle').isChecked(), true, 'templates are complete designs');
  await studio.clickNode('state-machine');
  await studio.setField('/spec/deploymentName', 'elsewhere-cluster');
  const asError = await until(() => studio.findings('FKO-SJ-004'), (f) => f.length === 1, 'the missing session cluster');
  assert.equal(asError[0].severity, 'error');
  assert.match(asError[0].message, /'elsewhere-cluster' not found in namespace 'flink' \(the input has 'session-cluster'\)/);
  const before = await studio.validations();
  await studio.tid('complete-toggle').uncheck();
  await studio.validated(before, 'validation after unticking complete');
  const asWarning = await studio.findings('FKO-SJ-004');
  assert.equal(asWarning[0].severity, 'warning');
  assert.match(asWarning[0].message, /is not in the input .*; it must already exist in the cluster/);
  // Undoable like any edit.
  const again = await studio.validations();
  await studio.page.evaluate(() => document.activeElement?.blur());
  await studio.page.keyboard.press('Control+z');
  await studio.validated(again, 'validation after undo');
  assert.equal(await studio.tid('complete-toggle').isChecked(), true);
  assert.equal((await studio.findings('FKO-SJ-004'))[0].severity, 'error');
});

// A real session: open a template, add and connect resources, fix a finding through the
// inspector, see the effective configuration change, export YAML and check it, undo,
// reload and find the work restored.
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

const slots = () =>
  studio.page
    .locator('[data-testid="config"] [data-testid="config-entry"][data-key="taskmanager.numberOfTaskSlots"] [data-testid="config-value"]')
    .first()
    .textContent();

test('the first visit shows the first example on the canvas, in its namespace frame', async () => {
  assert.deepEqual((await studio.nodeNames()).sort(), ['flink-operator', 'orders-enrichment']);
  const frames = await studio.tid('frame').evaluateAll((fs) => fs.map((f) => f.dataset.namespace));
  // The operator is drawn in the namespace it is installed in (spec.namespace).
  assert.deepEqual(frames, ['flink', 'flink-operator']);
  assert.deepEqual(await studio.cspViolations(), []);
  assert.deepEqual(studio.errors, []);
});

test('opening a template draws its resources, frames and references', async () => {
  await studio.open('session-cluster');
  await until(() => studio.resources(), (n) => n === 7, 'the template');
  const names = await studio.nodeNames();
  for (const n of ['flink', 'flink-kubernetes-operator', 'session-cluster', 'state-machine']) {
    assert.ok(names.includes(n), `${n} is drawn`);
  }
  // The edges are drawn a slice at a time after the nodes.
  const edgeFields = () => studio.tid('edge').evaluateAll((es) => es.map((e) => e.dataset.field));
  const fields = await until(edgeFields, (f) => f.includes('deploymentName'), 'the edges drawn');
  assert.ok(fields.includes('deploymentName'), `session job → cluster edge labelled (${fields})`);
  assert.equal(await studio.tid('count-error').textContent(), '0 errors');
  const badge = await studio.node('session-cluster').getAttribute('data-findings');
  assert.ok(Number(badge) >= 0);
});

test('a resource added from the palette and connected by dragging gets its reference set', async () => {
  await studio.clickNode('session-cluster');
  await studio.add('fko-session-job');
  const added = await studio.page.locator('[data-testid="inspector-title"]').textContent();
  const name = added.replace('FlinkSessionJob ', '');
  await studio.setField('/spec/deploymentName', 'nowhere');
  await studio.tid('edge-dangling').first().waitFor();
  assert.equal(await studio.tid('stub-name').first().textContent(), 'missing: FlinkDeployment nowhere');
  const before = await studio.validations();
  await studio.connect(name, 'session-cluster');
  await studio.validated(before, 'validation after connecting');
  await studio.tab('inspector');
  await studio.clickNode(name);
  const value = await studio.page.locator('[data-testid="form"] [data-pointer="/spec/deploymentName"]').inputValue();
  assert.equal(value, 'session-cluster');
  // The drawing shown stays until the new one (without the broken edge) is finished.
  const broken = () => studio.page.locator(`[data-testid="edge-dangling"][data-from]`).count();
  assert.equal(await until(broken, (n) => n === 0, 'the broken edge gone'), 0);
  assert.deepEqual(studio.errors, []);
});

test('a refused connection says why and changes nothing', async () => {
  const before = await studio.resources();
  await studio.connect('session-cluster', 'flink-kubernetes-operator');
  const message = await until(() => studio.tid('message').textContent(), (m) => m.length > 0, 'a message');
  assert.match(message, /connect|refused|cannot/i);
  assert.equal(await studio.resources(), before);
});

test('a finding is fixed through the inspector: click it, edit the focused field', async () => {
  await studio.clickNode('session-cluster');
  await studio.setField('/metadata/name', 'Session.Cluster');
  const found = await until(() => studio.findings('NAME-FKO-001'), (f) => f.length === 1, 'NAME-FKO-001');
  assert.equal(found[0].pointer, '/metadata/name');
  assert.equal(await studio.node('Session.Cluster').getAttribute('data-severity'), 'error');
  await studio.clickNode('state-machine');
  await studio.page.locator('[data-testid="finding"][data-rule="NAME-FKO-001"]').click();
  assert.equal(await studio.tid('inspector-title').textContent(), 'FlinkDeployment Session.Cluster');
  const focused = await until(
    () => studio.page.evaluate(() => document.activeElement?.dataset?.pointer ?? null),
    (p) => p === '/metadata/name',
    'the name field focused',
  );
  assert.equal(focused, '/metadata/name');
  await studio.setField('/metadata/name', 'session-cluster');
  await until(() => studio.findings('NAME-FKO-001'), (f) => f.length === 0, 'the finding gone');
  assert.equal(await studio.node('session-cluster').getAttribute('data-severity'), 'none');
});

test('editing the Flink configuration changes the effective configuration', async () => {
  await studio.clickNode('session-cluster');
  await studio.tab('config');
  assert.equal(await until(slots, (v) => v === '2', 'slots 2'), '2');
  await studio.tab('inspector');
  const row = studio.page.locator('[data-testid="config-row"][data-key="taskmanager.numberOfTaskSlots"] input');
  const before = await studio.validations();
  await row.fill('4');
  await row.press('Enter');
  await studio.validated(before, 'validation after the config edit');
  await studio.tab('config');
  assert.equal(await until(slots, (v) => v === '4', 'slots 4'), '4');
});

test('the export holds the design as kubectl YAML without studio nodes', async () => {
  await studio.tab('export');
  const yaml = await studio.tid('export-yaml').textContent();
  assert.match(yaml, /kind: FlinkDeployment/);
  assert.match(yaml, /taskmanager\.numberOfTaskSlots: ['"]?4/);
  assert.match(yaml, /deploymentName: session-cluster/);
  assert.doesNotMatch(yaml, /FlinkKubernetesOperator/);
  assert.equal((yaml.match(/kind: FlinkSessionJob/g) ?? []).length, 2);
});

test('undo reverts the last edit, redo restores it', async () => {
  await studio.page.locator('body').click({ position: { x: 5, y: 700 } });
  await studio.page.keyboard.press('Control+z');
  await studio.clickNode('session-cluster');
  await studio.tab('config');
  assert.equal(await until(slots, (v) => v === '2', 'slots back to 2'), '2');
  await studio.page.keyboard.press('Control+Shift+z');
  assert.equal(await until(slots, (v) => v === '4', 'slots 4 again'), '4');
});

test('a dragged node keeps its place, and a reload restores the whole design', async () => {
  const start = await studio.centre('session-cluster');
  const validations = await studio.validations();
  // Dropped on free space (a drop on other nodes moves it beside them: canvas.test.mjs).
  const own = await studio.node('session-cluster').locator('.node-shape').boundingBox();
  const others = await studio.page
    .locator('[data-testid="node"]:not([data-name="session-cluster"]) .node-shape')
    .evaluateAll((ns) => ns.map((n) => n.getBoundingClientRect().toJSON()));
  const clear = ([dx, dy]) =>
    others.every((b) => own.x + dx >= b.right + 20 || own.x + dx + own.width + 20 <= b.left || own.y + dy >= b.bottom + 20 || own.y + dy + own.height + 20 <= b.top);
  const [dx, dy] = [[120, 60], [-120, 60], [120, -60], [-120, -60], [0, 150], [0, -150], [260, 0], [-260, 0]].find(clear);
  await studio.dragNode('session-cluster', dx, dy);
  const moved = await studio.centre('session-cluster');
  assert.ok(Math.abs(moved.x - start.x - dx) < 3 && Math.abs(moved.y - start.y - dy) < 3, 'moved');
  assert.equal(await studio.validations(), validations, 'moving a node does not re-validate');
  const names = (await studio.nodeNames()).sort();
  await until(() => studio.tid('status').getAttribute('data-saved'), (s) => s !== '', 'autosave');
  await new Promise((r) => setTimeout(r, 600));
  await studio.reload();
  assert.deepEqual((await studio.nodeNames()).sort(), names);
  const frameBefore = await studio.page.locator('[data-testid="frame"]').count();
  assert.ok(frameBefore >= 1);
  await studio.clickNode('session-cluster');
  await studio.tab('config');
  assert.equal(await until(slots, (v) => v === '4', 'slots 4 after reload'), '4');
  assert.deepEqual(studio.errors, []);
});

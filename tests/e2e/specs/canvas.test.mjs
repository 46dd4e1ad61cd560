// The canvas: zoom, pan, fit, rubber band, keyboard delete / duplicate / undo, and scale
// (culling and level of detail on a generated design).
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { baseUrl, launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser);
  await studio.open('session-cluster');
});
after(async () => browser?.close());

const zoom = async () => Number(await studio.tid('canvas').getAttribute('data-zoom'));

test('wheel and buttons zoom; dragging the background pans; F fits', async () => {
  const z0 = await zoom();
  await studio.tid('zoom-in').click();
  assert.ok((await zoom()) > z0);
  const box = await studio.tid('canvas').boundingBox();
  await studio.page.mouse.move(box.x + box.width - 40, box.y + box.height - 40);
  await studio.page.mouse.wheel(0, 600);
  assert.ok((await zoom()) < z0, 'wheel down zooms out');
  const before = await studio.centre('session-cluster');
  await studio.page.mouse.move(box.x + box.width - 30, box.y + box.height - 30);
  await studio.page.mouse.down();
  await studio.page.mouse.move(box.x + box.width - 130, box.y + box.height - 80, { steps: 5 });
  await studio.page.mouse.up();
  const after = await studio.centre('session-cluster');
  assert.ok(Math.abs(after.x - before.x + 100) < 3 && Math.abs(after.y - before.y + 50) < 3, 'panned');
  await studio.page.keyboard.press('f');
  const fitted = await studio.centre('session-cluster');
  assert.ok(fitted.x > box.x && fitted.x < box.x + box.width && fitted.y > box.y && fitted.y < box.y + box.height);
});

test('shift-drag on the background selects the nodes inside the band', async () => {
  const a = await studio.centre('Role/flink');
  const b = await studio.centre('ServiceAccount/flink');
  const [x0, x1] = [Math.min(a.x, b.x) - 110, Math.max(a.x, b.x) + 110];
  const y0 = Math.min(a.y, b.y) - 40;
  const y1 = Math.max(a.y, b.y) + 40;
  await studio.page.keyboard.down('Shift');
  await studio.page.mouse.move(x0, y0);
  await studio.page.mouse.down();
  await studio.page.mouse.move(x1, y1, { steps: 5 });
  await studio.page.mouse.up();
  await studio.page.keyboard.up('Shift');
  const selected = await studio.page.locator('[data-testid="node"].selected').evaluateAll((ns) => ns.map((n) => n.dataset.kind).sort());
  assert.deepEqual(selected, ['Role', 'ServiceAccount']);
  await studio.tab('inspector');
  assert.equal(await studio.tid('inspector-many').textContent(), '2 resources selected.');
});

test('Delete removes the selection, Ctrl+Z brings it back, Ctrl+D duplicates', async () => {
  const count = await studio.resources();
  await studio.page.keyboard.press('Delete');
  await until(() => studio.resources(), (n) => n === count - 2, 'two deleted');
  await studio.page.keyboard.press('Control+z');
  await until(() => studio.resources(), (n) => n === count, 'undone');
  await studio.clickNode('state-machine');
  await studio.page.keyboard.press('Control+d');
  await until(() => studio.resources(), (n) => n === count + 1, 'duplicated');
  const names = await studio.nodeNames();
  assert.ok(names.some((n) => n.startsWith('state-machine-') || n === 'state-machine-copy'), names.join());
  await studio.page.keyboard.press('Escape');
  assert.equal(await studio.page.locator('[data-testid="node"].selected').count(), 0);
});

test('a redone delete leaves nothing selected (the inspector does not show a removed resource)', async () => {
  const count = await studio.resources();
  await studio.clickNode('state-machine');
  await studio.page.keyboard.press('Delete');
  await until(() => studio.resources(), (n) => n === count - 1, 'deleted');
  await studio.page.keyboard.press('Control+z');
  await until(() => studio.resources(), (n) => n === count, 'undone');
  await studio.clickNode('state-machine');
  await studio.page.keyboard.press('Control+Shift+z');
  await until(() => studio.resources(), (n) => n === count - 1, 'redone');
  await studio.tab('inspector');
  await studio.tid('inspector-empty').waitFor();
  assert.equal(await studio.tid('inspector-title').count(), 0);
  await studio.page.keyboard.press('Control+z');
  await until(() => studio.resources(), (n) => n === count, 'undone again');
});

test('a generated design of 2,000 resources draws only what is in view, without text when zoomed out', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  const big = new Studio(page);
  await page.goto(`${baseUrl()}?generate=2000`);
  await big.ready();
  assert.ok((await big.resources()) > 2000);
  const overview = await page.locator('[data-testid="overview"]').count();
  const drawn = Number(await big.tid('canvas').getAttribute('data-drawn'));
  assert.ok(overview === 1 || drawn < 2000, 'fitted: an overview or a culled subset');
  assert.equal(await page.locator('[data-testid="node-name"]').count(), 0, 'no node text at this zoom');
  // Panning the overview moves it as one picture (the canvas as a layer, not redrawn while
  // the pointer moves), and the view follows on release: the drawing stays where it was let go.
  assert.equal(overview, 1, 'fitted at 2,000: the overview');
  const world = () => page.locator('svg.canvas > g.world').getAttribute('transform');
  const picture = () => page.locator('[data-testid="overview"]').boundingBox();
  const canvasBox = await big.tid('canvas').boundingBox();
  const [before, at] = [await picture(), await world()];
  const from = { x: canvasBox.x + canvasBox.width - 20, y: canvasBox.y + canvasBox.height - 20 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i += 1) await page.mouse.move(from.x - 15 * i, from.y - 10 * i);
  const during = await picture();
  assert.ok(Math.abs(during.x - before.x + 150) < 2 && Math.abs(during.y - before.y + 100) < 2, `the overview follows the pointer (${JSON.stringify(before)} → ${JSON.stringify(during)})`);
  assert.equal(await world(), at, 'not redrawn while panning');
  await page.mouse.up();
  await until(world, (t) => t !== at, 'the view follows on release');
  const after = await picture();
  assert.ok(Math.abs(after.x - during.x) < 2 && Math.abs(after.y - during.y) < 2, `the drawing stays where it was let go (${JSON.stringify(during)} → ${JSON.stringify(after)})`);
  assert.equal(await big.tid('canvas').evaluate((c) => getComputedStyle(c).transform), 'none', 'the canvas is back in place');
  for (let i = 0; i < 12; i += 1) await big.tid('zoom-in').click();
  await until(() => page.locator('[data-testid="node-name"]').count(), (n) => n > 0, 'text when zoomed in');
  const near = Number(await big.tid('canvas').getAttribute('data-drawn'));
  assert.ok(near > 0 && near < 300, `only the nodes in view are drawn (${near})`);
  const { idb, local } = await big.stored();
  assert.equal(idb, null, 'a generated design never overwrites the saved one');
  assert.equal(local, '{}');
  assert.deepEqual(big.errors, []);
  await page.context().close();
});

test('a node dropped on another lands beside it; one Ctrl+Z puts it back', async () => {
  await studio.tid('fit').click();
  const box = async (name) => studio.node(name).locator('.node-shape').boundingBox();
  const start = await studio.centre('Role/flink');
  const target = await studio.centre('ServiceAccount/flink');
  await studio.dragNode('Role/flink', target.x - start.x, target.y - start.y);
  const [a, b] = [await box('Role/flink'), await box('ServiceAccount/flink')];
  const apart = a.x >= b.x + b.width - 1 || b.x >= a.x + a.width - 1 || a.y >= b.y + b.height - 1 || b.y >= a.y + a.height - 1;
  assert.ok(apart, `dropped node ${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`);
  const moved = await studio.centre('Role/flink');
  assert.ok(Math.hypot(moved.x - start.x, moved.y - start.y) > 10, 'it did move');
  assert.ok(Math.hypot(moved.x - target.x, moved.y - target.y) < 2.5 * b.width, 'beside the node it was dropped on');
  await studio.page.keyboard.press('Control+z');
  await until(() => studio.centre('Role/flink'), (c) => Math.hypot(c.x - start.x, c.y - start.y) < 1, 'back where it was');
});

test('a value edit keeps the drawing; a rename redraws the name', async () => {
  const scenes = async () => Number(await studio.tid('canvas').getAttribute('data-scenes'));
  const settle = () => studio.page.waitForTimeout(400);
  await studio.tid('fit').click();
  await studio.node('session-cluster').click();
  await settle();
  const before = await scenes();
  await studio.setField('/spec/image', 'flink:2.0');
  await settle();
  assert.equal(await scenes(), before, 'a changed image leaves the graph and the drawing as they were');
  // A name nothing refers to: the graph stays, what the drawing reads of the design does not.
  await studio.node('state-machine').click();
  await studio.setField('/metadata/name', 'state-machine-2');
  await until(scenes, (n) => n > before, 'the drawing follows a rename');
  const text = () => studio.node('state-machine-2').locator('[data-testid="node-name"]').textContent();
  await until(text, (t) => t.includes('state-machine-2'), 'the node shows its new name');
  await studio.setField('/metadata/name', 'state-machine');
  await studio.node('session-cluster').click();
  await studio.setField('/spec/image', 'flink:1.20');
});

test('a big view is routed a slice at a time: after a rename the drawing completes, and undo draws the routes it had', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  const big = new Studio(page);
  await page.goto(`${baseUrl()}?generate=2000`);
  await big.ready();
  const canvas = big.tid('canvas');
  // Zoomed in until the view is drawn node by node (not the overview), with its edges.
  for (let i = 0; i < 20 && (await canvas.getAttribute('class')).includes('overview'); i += 1) await big.tid('zoom-in').click();
  const drawings = async () => Number(await canvas.getAttribute('data-drawings'));
  // The drawing of the current view, finished: no drawing in progress and none for a while.
  const finished = async (after, what) => {
    await until(async () => [await drawings(), await canvas.getAttribute('data-routing')], ([n, r]) => n > after && r === 'false', what, 30_000);
    let n = await drawings();
    for (;;) {
      await page.waitForTimeout(300);
      const now = await drawings();
      if (now === n && (await canvas.getAttribute('data-routing')) === 'false') return n;
      n = now;
    }
  };
  const routes = () =>
    page.locator('[data-testid="edge"], [data-testid="edge-dangling"]').evaluateAll((es) =>
      es.map((e) => `${e.dataset.from}→${e.dataset.to} ${e.querySelector('.edge-line').getAttribute('d')}`).sort(),
    );
  let n = await finished(0, 'the first drawing');
  const before = await routes();
  assert.ok(before.length > 100, `a view with many edges (${before.length})`);
  assert.ok(Number(await canvas.getAttribute('data-slices')) > 1, 'drawn in more than one slice');
  // Rename a node with edges in view: references to it now dangle, the graph changes.
  const named = await page.locator('[data-testid="edge"]').evaluateAll((es) => {
    const drawn = new Map([...document.querySelectorAll('[data-testid="node"]')].map((n) => [n.dataset.id, n.dataset.name]));
    const e = es.find((e) => drawn.has(e.dataset.to));
    return e && drawn.get(e.dataset.to);
  });
  assert.ok(named, 'an edge between two drawn nodes');
  await big.node(named).first().click();
  await big.setField('/metadata/name', `${named}-renamed`);
  n = await finished(n, 'the drawing after the rename');
  const renamed = await routes();
  assert.notDeepEqual(renamed, before, 'the drawing follows the rename');
  assert.ok(renamed.length > 100, 'every edge of the view is drawn again');
  assert.equal(await big.node(`${named}-renamed`).count(), 1, 'the node under its new name');
  assert.ok(Number(await canvas.getAttribute('data-slices')) > 1, 'drawn again in more than one slice');
  await big.tid('undo').click();
  await until(() => big.node(`${named}-renamed`).count(), (c) => c === 0, 'the old name back');
  await finished(n, 'the drawing after undo');
  assert.deepEqual(await routes(), before, 'undone: the same routes as before the rename');
  assert.deepEqual(big.errors, []);
  await page.context().close();
});

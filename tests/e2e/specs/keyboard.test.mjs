// The canvas without a mouse: C on a focused node opens the list of what it can be
// connected to (filter, arrows, Enter; Escape cancels) and makes the same undoable
// connection a drag does; with the canvas focused, arrows pan and + − 0 zoom; the shortcut
// help lists both.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

const active = (studio) =>
  studio.page.evaluate(() => {
    const el = document.activeElement;
    return { testid: el?.dataset?.testid ?? null, id: el?.dataset?.id ?? null, name: el?.dataset?.name ?? null };
  });

test('C on a focused node lists its targets; Enter connects it like a drag, Ctrl+Z undoes, Escape cancels', async () => {
  const studio = await Studio.open(browser);
  await studio.open('session-cluster');
  await studio.clickNode('session-cluster');
  await studio.add('fko-session-job');
  const title = await studio.tid('inspector-title').textContent();
  const name = title.replace('FlinkSessionJob ', '');
  await studio.setField('/spec/deploymentName', 'nowhere');
  const job = studio.node(name);
  const id = await job.getAttribute('data-id');
  const edgeTo = async () =>
    studio.page.locator(`[data-testid="edge"][data-from="${id}"]`).evaluateAll((es) => es.map((e) => e.dataset.to));
  const cluster = await studio.node('session-cluster').getAttribute('data-id');
  await until(edgeTo, (to) => !to.includes(cluster), 'not connected yet');

  // Escape cancels: nothing changes, the focus goes back to the node.
  await job.focus();
  await studio.page.keyboard.press('c');
  await studio.tid('connect-picker').waitFor();
  assert.equal((await active(studio)).testid, 'connect-filter', 'the filter takes the focus');
  await studio.page.keyboard.press('Escape');
  assert.equal(await studio.tid('connect-picker').count(), 0);
  await until(() => active(studio), (a) => a.id === id, 'the focus back on the node');
  assert.equal(await studio.resources(), 8);

  // C again: the list holds the session cluster (and not the job itself); type to filter,
  // arrow down to it, Enter connects.
  await studio.page.keyboard.press('c');
  await studio.tid('connect-picker').waitFor();
  const targets = await studio.tid('connect-target').evaluateAll((ts) => ts.map((t) => t.dataset.id));
  assert.ok(targets.includes(cluster), `session-cluster offered (${targets})`);
  assert.ok(!targets.includes(id), 'not itself');
  await studio.page.keyboard.type('session-cl');
  const filtered = await studio.tid('connect-target').evaluateAll((ts) => ts.map((t) => t.textContent));
  assert.ok(filtered.length >= 1 && filtered.every((t) => t.includes('session-cl')), `filtered: ${filtered}`);
  const before = await studio.validations();
  await studio.page.keyboard.press('ArrowDown');
  const chosen = await active(studio);
  assert.equal(chosen.testid, 'connect-target');
  assert.equal(chosen.id, cluster);
  await studio.page.keyboard.press('Enter');
  await studio.validated(before, 'validation after the keyboard connection');
  assert.equal(await studio.tid('connect-picker').count(), 0);
  await until(edgeTo, (to) => to.includes(cluster), 'the edge to the session cluster');
  assert.match(await studio.tid('message').textContent(), /deploymentName/);
  await until(() => active(studio), (a) => a.id === id, 'the focus back on the node');
  await studio.tab('inspector');
  const field = () => studio.page.locator('[data-testid="form"] [data-pointer="/spec/deploymentName"]').inputValue();
  assert.equal(await field(), 'session-cluster');

  // One undo takes the connection back, as after a drag.
  await studio.page.keyboard.press('Control+z');
  await until(edgeTo, (to) => !to.includes(cluster), 'the edge gone after undo');
  await until(field, (v) => v === 'nowhere', 'the field as it was');
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('with the canvas focused, arrows pan (not move the selection) and + − 0 zoom', async () => {
  const studio = await Studio.open(browser);
  await studio.open('session-cluster');
  await studio.tid('fit').click();
  await studio.clickNode('session-cluster');
  const node = studio.node('session-cluster');
  const placed = await node.getAttribute('transform');
  const world = () => studio.page.locator('[data-testid="canvas"] g.world').getAttribute('transform');
  const zoom = async () => Number(await studio.tid('canvas').getAttribute('data-zoom'));
  const start = await world();
  // Tab reaches the canvas itself.
  await studio.page.mouse.move(1, 1);
  for (let i = 0; i < 60 && (await active(studio)).testid !== 'canvas'; i += 1) {
    await studio.page.keyboard.press('Tab');
  }
  assert.equal((await active(studio)).testid, 'canvas', 'Tab never reached the canvas');
  const outline = await studio.tid('canvas').evaluate((c) => getComputedStyle(c).outlineStyle);
  assert.equal(outline, 'solid', 'the focused canvas is outlined');
  await studio.page.keyboard.press('ArrowRight');
  await studio.page.keyboard.press('ArrowDown');
  const panned = await world();
  assert.notEqual(panned, start, 'the view moved');
  const [, , tx, ty] = panned.match(/scale\(([-\d.e]+)\) translate\(([-\d.e]+),([-\d.e]+)\)/).map(Number);
  const [, , sx, sy] = start.match(/scale\(([-\d.e]+)\) translate\(([-\d.e]+),([-\d.e]+)\)/).map(Number);
  assert.ok(tx < sx && ty < sy, `panned right and down: ${start} → ${panned}`);
  assert.equal(await node.getAttribute('transform'), placed, 'the selected node stayed where it was');
  const z = await zoom();
  await studio.page.keyboard.press('+');
  await until(zoom, (v) => Math.abs(v - z * 1.25) < 0.01, 'zoomed in');
  await studio.page.keyboard.press('-');
  await until(zoom, (v) => Math.abs(v - z) < 0.01, 'zoomed out');
  await studio.page.keyboard.press('0');
  await until(zoom, (v) => v === 1, 'zoom 100 %');
  assert.equal(await node.getAttribute('transform'), placed);
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('the shortcut help lists the keyboard connection and the canvas keys', async () => {
  const studio = await Studio.open(browser);
  await studio.page.keyboard.press('?');
  const rows = await studio.tid('help').locator('tr').allTextContents();
  assert.ok(rows.some((r) => r.startsWith('C on a focused node') && /connect/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /Arrow keys on the focused canvas/.test(r) && /pan/.test(r)));
  assert.ok(rows.some((r) => /\+ \/ − \/ 0/.test(r)));
  await studio.page.context().close();
});

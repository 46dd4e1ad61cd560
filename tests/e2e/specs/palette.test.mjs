// The palette: drag an entry onto the canvas (into a namespace frame, on a free spot),
// cancel with Escape or by dropping outside the canvas, and click-to-add on free spots.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser);
  await studio.open('confluent-platform');
});
after(async () => browser?.close());

/** Bounding boxes of every node shape drawn, with the node's name. */
const boxes = () =>
  studio.page.locator('[data-testid="node"]').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.querySelector('.node-shape').getBoundingClientRect();
      return { name: `${n.dataset.kind}/${n.dataset.name}`, x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );

/** Pairs of nodes whose shapes overlap (a pixel of tolerance for rounding). */
async function overlapping() {
  const all = await boxes();
  const out = [];
  for (let i = 0; i < all.length; i += 1) {
    for (let j = i + 1; j < all.length; j += 1) {
      const [a, b] = [all[i], all[j]];
      if (a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1) {
        out.push(`${a.name} × ${b.name}`);
      }
    }
  }
  return out;
}

/** Presses on a palette entry and moves (in steps) to `to`; the button stays down. */
async function dragEntry(entry, to) {
  await studio.tid('palette-open').click();
  const item = await studio.page.locator(`[data-testid="palette-item"][data-entry="${entry}"]`).boundingBox();
  await studio.page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
  await studio.page.mouse.down();
  await studio.page.mouse.move(to.x, to.y, { steps: 12 });
}

const centre = (b) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
const inside = (p, r) => p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;

test('an entry dragged onto a namespace frame is added there, in that namespace, on no other node', async () => {
  assert.deepEqual(await overlapping(), [], 'the template starts without overlaps');
  const frame = await studio.page.locator('[data-testid="frame"][data-namespace="apps"] rect').boundingBox();
  // Drop right on a node of that frame: the new one must land beside it.
  const target = (await boxes()).find((b) => inside(centre(b), frame));
  assert.ok(target, 'a node inside the apps frame');
  const count = await studio.resources();
  await dragEntry('config-map', centre(target));
  await studio.tid('palette-ghost').waitFor();
  assert.equal(await studio.tid('palette').count(), 0, 'the palette closes while dragging');
  const hot = studio.page.locator('[data-testid="frame"].drop-target');
  assert.equal(await hot.getAttribute('data-namespace'), 'apps', 'the frame under the pointer is highlighted');
  await studio.page.mouse.up();
  await until(() => studio.resources(), (n) => n === count + 1, 'the dropped config map');
  assert.equal(await studio.tid('palette-ghost').count(), 0);
  const added = studio.page.locator('[data-testid="node"].selected');
  assert.equal(await added.getAttribute('data-kind'), 'ConfigMap');
  await studio.tab('inspector');
  const ns = studio.page.locator('[data-testid="form"] [data-pointer="/metadata/namespace"]');
  assert.equal(await ns.inputValue(), 'apps');
  assert.deepEqual(await overlapping(), []);
  // Near the drop point (beside the node it was dropped on), not somewhere far away.
  const box = await added.locator('.node-shape').boundingBox();
  const d = Math.hypot(box.x + box.width / 2 - centre(target).x, box.y + box.height / 2 - centre(target).y);
  assert.ok(d < 2.5 * box.width, `landed ${d.toFixed(0)} px from the drop point`);
  // The frame of apps now holds it.
  const grown = await studio.page.locator('[data-testid="frame"][data-namespace="apps"] rect').boundingBox();
  assert.ok(inside({ x: box.x + 1, y: box.y + 1 }, grown) && inside({ x: box.x + box.width - 1, y: box.y + box.height - 1 }, grown));
  await studio.page.keyboard.press('Control+z');
  await until(() => studio.resources(), (n) => n === count, 'one undo removes it');
  assert.deepEqual(studio.errors, []);
});

test('Escape, or a drop outside the canvas, cancels the drag', async () => {
  const count = await studio.resources();
  const canvas = await studio.tid('canvas').boundingBox();
  const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  await dragEntry('secret', middle);
  await studio.tid('palette-ghost').waitFor();
  await studio.page.keyboard.press('Escape');
  assert.equal(await studio.tid('palette-ghost').count(), 0, 'Escape removes the ghost');
  await studio.page.mouse.up();
  assert.equal(await studio.resources(), count, 'nothing added after Escape');
  // Released over the side panel, outside the canvas.
  await dragEntry('secret', { x: canvas.x + canvas.width + 100, y: middle.y });
  await studio.page.mouse.up();
  assert.equal(await studio.resources(), count, 'nothing added outside the canvas');
  assert.match(await studio.tid('message').textContent(), /outside the canvas/);
});

test('clicking an entry twice adds two resources, side by side, on no other node', async () => {
  await studio.tid('fit').click();
  await studio.add('config-map');
  await studio.add('config-map');
  assert.deepEqual(await overlapping(), []);
  assert.deepEqual(studio.errors, []);
  assert.deepEqual(await studio.cspViolations(), []);
});

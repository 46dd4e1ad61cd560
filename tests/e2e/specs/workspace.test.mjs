// A studio to work in all day: a real folder stays readable (one-line import summary,
// fitted overview with frame titles that never overlap), side-panel tabs never cut, a
// resizable side column that is remembered, a wide view of the effective configuration,
// and the canvas reachable from the keyboard with a visible focus.
import { strict as assert } from 'node:assert';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** 58 files from 8 repositories (tests/realworld/folders). */
const FOLDERS = join(here, '../../realworld/folders');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** Boxes that intersect, as pairs of their labels. */
function overlaps(boxes) {
  const out = [];
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1) {
        out.push(`${a.label} / ${b.label}`);
      }
    }
  }
  return out;
}

test('a real folder: one-line summary with details a click away, readable fitted overview', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1440, height: 900 } });
  await studio.tid('folder-input').setInputFiles(FOLDERS);
  const message = await until(() => studio.tid('message').textContent(), (m) => /^Imported \d+ resources from \d+ files/.test(m), 'the import summary', 30_000);
  assert.doesNotMatch(message, /\.ya?ml|\.json/, 'no file names in the summary');
  // One line, in the status line below the canvas.
  const line = await studio.page.locator('footer.statusline').boundingBox();
  const canvas = await studio.tid('canvas').boundingBox();
  assert.ok(line.height <= 32, `status line ${line.height}px high`);
  assert.ok(line.y >= canvas.y + canvas.height - 1, 'the summary is not over the canvas');
  // The files are listed one click away.
  await studio.tid('import-details-open').click();
  const files = await studio.tid('import-file').count();
  assert.ok(files >= 50, `${files} files listed`);
  await studio.tid('import-details-close').click();
  assert.equal(await studio.tid('import-details').count(), 0);

  // Fitted, the overview names its namespaces, with counts, and no two titles overlap.
  await studio.tid('fit').click();
  await new Promise((r) => setTimeout(r, 400));
  const zoom = Number(await studio.tid('canvas').getAttribute('data-zoom'));
  const titles = await studio.tid('frame-title').evaluateAll((ts) =>
    ts.map((t) => {
      const r = t.getBoundingClientRect();
      return { label: t.textContent, x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const resources = await studio.resources();
  console.log(`# real folder: ${resources} resources from ${files} files fitted at ${(zoom * 100).toFixed(0)} % (1440×900), ${titles.length} frame titles`);
  assert.ok(titles.length >= 5, `${titles.length} frames titled`);
  assert.deepEqual(overlaps(titles), [], 'frame titles overlap');
  const small = titles.filter((t) => t.height < 10).map((t) => t.label);
  assert.deepEqual(small, [], 'frame titles smaller than 10 px on screen');
  const uncounted = titles.filter((t) => !/\d/.test(t.label)).map((t) => t.label);
  assert.deepEqual(uncounted, [], 'titles carry their counts');
  // Unresolved references are gathered per target: never more stubs than targets.
  const stubs = await studio.tid('stub-name').allTextContents();
  assert.equal(new Set(stubs).size, stubs.length, `one stub per missing target: ${stubs}`);

  // Dismissed, the summary is gone.
  await studio.tid('message-dismiss').click();
  assert.equal(await studio.tid('message').textContent(), '');
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('side-panel tabs are never cut at 1280 px, at any side-column width', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1280, height: 720 } });
  await studio.open('confluent-platform');
  const cut = () =>
    studio.page.locator('.side > .tabs [role="tab"]').evaluateAll((tabs) => {
      const side = tabs[0].closest('.side').getBoundingClientRect();
      return tabs
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return t.scrollWidth > t.clientWidth || r.right > side.right + 0.5 || r.left < side.left;
        })
        .map((t) => t.textContent);
    });
  assert.deepEqual(await cut(), []);
  // Narrowest column the separator allows.
  await studio.tid('side-resizer').focus();
  await studio.page.keyboard.press('Home');
  assert.deepEqual(await cut(), []);
  await studio.page.context().close();
});

test('the side column is resized by dragging or the keyboard and remembered', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1440, height: 900 } });
  const width = async () => (await studio.page.locator('section.side').boundingBox()).width;
  const before = await width();
  const handle = await studio.tid('side-resizer').boundingBox();
  const y = handle.y + handle.height / 2;
  await studio.page.mouse.move(handle.x + 3, y);
  await studio.page.mouse.down();
  await studio.page.mouse.move(handle.x - 200, y, { steps: 5 });
  await studio.page.mouse.up();
  const dragged = await width();
  assert.ok(Math.abs(dragged - (before + 200)) <= 4, `${before} → ${dragged}`);
  await studio.tid('side-resizer').focus();
  await studio.page.keyboard.press('ArrowLeft');
  assert.ok((await width()) > dragged + 30, 'ArrowLeft widens');
  const wanted = await width();
  await studio.reload();
  assert.ok(Math.abs((await width()) - wanted) <= 1, 'remembered after a reload');
  // The canvas follows: fit uses the new size.
  const canvas = await studio.tid('canvas').boundingBox();
  assert.ok(canvas.width < 1440 - wanted, `canvas ${canvas.width}px`);
  await studio.page.context().close();
});

test('the effective configuration is readable at 1280×720, wide and narrow, and copies as YAML', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1280, height: 720 } });
  await studio.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await studio.open('ha-application');
  await studio.clickNode('orders');
  await studio.tab('config');
  const value = studio.page.locator('[data-testid="config"] [data-testid="config-value"]', { hasText: 'file:///' }).first();
  await value.waitFor();
  const lines = (el) => el.evaluate((e) => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || '18')));
  // In the side column a value like file:///flink-data/checkpoints takes at most two lines,
  // and no key is broken one character per line.
  assert.ok((await lines(value)) <= 2, 'the value wraps over more than two lines');
  const narrowKeys = await studio.page.locator('[data-testid="config"] [data-testid="config-entry"] td:first-child code').evaluateAll((cs) =>
    cs.filter((c) => c.getBoundingClientRect().width < 60).map((c) => c.textContent),
  );
  assert.deepEqual(narrowKeys, [], 'keys squeezed into a sliver');
  const overflow = await studio.page.locator('.panel-body').evaluate((body) =>
    [...body.querySelectorAll('.effective-table')].map((t) => t.getBoundingClientRect().width - body.clientWidth),
  );
  assert.ok(overflow.length > 0 && overflow.every((d) => d <= 1), `the table runs past the side column by ${overflow}px`);
  // The wide view: every "set at" pointer on one line, values whole.
  await studio.tid('config-wide-open').click();
  const dialog = studio.tid('config-wide');
  const box = await dialog.locator('.dialog').boundingBox();
  assert.ok(box.width >= 1100, `wide view ${box.width}px`);
  const pointers = await dialog.locator('[data-testid="config-set-at"]').evaluateAll((ps) =>
    ps.filter((p) => p.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(p).lineHeight)).map((p) => p.textContent),
  );
  assert.deepEqual(pointers, [], 'pointers wrapped in the wide view');
  const wideValue = dialog.locator('[data-testid="config-value"]', { hasText: 'file:///' }).first();
  assert.equal(await lines(wideValue), 1);
  await dialog.locator('[data-testid="config-copy-yaml"]').first().click();
  await until(() => dialog.locator('[data-testid="config-copy-yaml"]').first().textContent(), (t) => t === 'Copied', 'the copy');
  const copied = await studio.page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^# Effective cluster configuration of FlinkDeployment orders\nflinkConfiguration:\n/);
  assert.match(copied, /: file:\/\/\/flink-data\//);
  await studio.page.keyboard.press('Escape');
  assert.equal(await studio.tid('config-wide').count(), 0, 'Escape closes the wide view');
  // Findings stay readable at 1280×720: no message squeezed under 200 px.
  await studio.open('ha-application-broken');
  await studio.tab('findings');
  const narrow = await studio.tid('finding-message').evaluateAll((ms) => ms.filter((m) => m.getBoundingClientRect().width < 200).length);
  assert.equal(narrow, 0);
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('the canvas from the keyboard: Tab reaches nodes, focus is visible, Enter selects, arrows move', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1280, height: 720 } });
  await studio.open('session-cluster');
  await studio.tid('fit').click();
  let focused = null;
  for (let i = 0; i < 80 && !focused; i += 1) {
    await studio.page.keyboard.press('Tab');
    focused = await studio.page.evaluate(() => {
      const el = document.activeElement;
      return el?.dataset?.testid === 'node' ? el.dataset.name : null;
    });
  }
  assert.ok(focused, 'Tab never reached a node');
  const node = studio.page.locator(`[data-testid="node"][data-name="${focused}"]`);
  const stroke = await node.locator('.node-shape').evaluate((s) => getComputedStyle(s).strokeWidth);
  assert.equal(stroke, '3.5px', 'the focused node is outlined');
  await studio.page.keyboard.press('Enter');
  await until(() => node.getAttribute('class'), (c) => c.includes('selected'), 'the selection');
  const at = async () => (await node.boundingBox()).x;
  const x = await at();
  await studio.page.keyboard.press('ArrowRight');
  await until(at, (v) => v > x + 5, 'the moved node');
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('the side column names the layer alone when a value has no "set at" (no dangling separator)', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1280, height: 720 } });
  await studio.open('session-cluster');
  await studio.clickNode('session-cluster');
  await studio.tab('config');
  const provenance = (key) =>
    studio.page.locator(`[data-testid="config"] [data-testid="config-entry"][data-key="${key}"] [data-testid="config-provenance"]`).first();
  // A fill-in default of the operator: set by no resource, at no field.
  await provenance('web.cancel.enable').waitFor();
  assert.equal((await provenance('web.cancel.enable').textContent()).trim(), 'operator-fill-in');
  // A value written in the design keeps "layer · set at".
  const all = await studio.page.locator('[data-testid="config"] [data-testid="config-provenance"]').allTextContents();
  assert.ok(all.some((t) => /\S · \S/.test(t)), `some value names where it was set: ${all}`);
  assert.deepEqual(all.filter((t) => /·\s*$/.test(t)), [], 'a separator with nothing after it');
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

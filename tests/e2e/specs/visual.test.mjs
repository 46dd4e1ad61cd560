// Visual regression: each template's exported diagram (PNG 1×, every layer, legend) and
// the fitted canvas at 1280×720, compared pixel by pixel with the committed baselines in
// tests/e2e/baselines/. A layout, routing or drawing change that moves more than a few
// pixels fails; look at tests/e2e/out/<name>.{actual,diff}.png, and when the change is
// wanted, refresh the baselines:  UPDATE_BASELINES=1 node tests/e2e/run.mjs visual
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { launch, Studio } from '../lib/studio.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BASELINES = join(here, '../baselines');
const OUT = join(here, '../out');
const UPDATE = process.env.UPDATE_BASELINES === '1';
/** Share of pixels that may differ (anti-aliasing of text and curves). */
const TOLERANCE = 0.002;
/** Per-pixel colour distance pixelmatch still calls equal (0–1). */
const THRESHOLD = 0.1;
const TEMPLATES = ['confluent-platform', 'session-cluster', 'ha-application', 'flink-sql', 'minio-application'];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** Compares a PNG with its baseline (or writes the baseline when updating). */
function compare(actual, name) {
  const file = join(BASELINES, `${name}.png`);
  if (UPDATE) {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no baseline ${file}: run UPDATE_BASELINES=1 node tests/e2e/run.mjs visual`);
  const want = PNG.sync.read(readFileSync(file));
  const got = PNG.sync.read(actual);
  const keep = () => {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, `${name}.actual.png`), actual);
  };
  if (want.width !== got.width || want.height !== got.height) {
    keep();
    assert.fail(`${name}: ${got.width}×${got.height}, baseline ${want.width}×${want.height}`);
  }
  const diff = new PNG({ width: want.width, height: want.height });
  const changed = pixelmatch(want.data, got.data, diff.data, want.width, want.height, { threshold: THRESHOLD });
  const share = changed / (want.width * want.height);
  if (share > TOLERANCE) {
    keep();
    writeFileSync(join(OUT, `${name}.diff.png`), PNG.sync.write(diff));
    assert.fail(`${name}: ${changed} pixels (${(share * 100).toFixed(2)} %) differ from the baseline; see ${OUT}`);
  }
}

async function open(id) {
  const studio = await Studio.open(browser, { acceptDownloads: true, colorScheme: 'light' });
  await studio.open(id);
  await studio.tid('fit').click();
  await studio.page.mouse.move(1, 1);
  await new Promise((r) => setTimeout(r, 300));
  return studio;
}

for (const id of TEMPLATES) {
  test(`${id}: the exported diagram looks as it did`, async () => {
    const studio = await open(id);
    await studio.tab('export');
    const [png] = await Promise.all([studio.page.waitForEvent('download'), studio.tid('export-png').click()]);
    const bytes = readFileSync(await png.path());
    compare(bytes, `${id}-diagram`);
    assert.deepEqual(studio.errors, []);
    await studio.page.context().close();
  });

  test(`${id}: the canvas at 1280×720 looks as it did`, async () => {
    const studio = await open(id);
    const shot = await studio.tid('canvas').screenshot();
    compare(shot, `${id}-canvas`);
    await studio.page.context().close();
  });
}

// The exported SVG renders the same outside the browser: each template's diagram
// (Diagram → SVG, every layer, legend) drawn by librsvg (rsvg-convert, the renderer of
// GNOME, many wikis and converters; installed by scripts/setup.sh) and by Chromium at its
// own size must differ in at most a small share of pixels (anti-aliasing of text and
// curves). A style only one renderer knows, a font one lacks, a baseline rule one ignores
// or a reference outside the file shows up as a large difference. The Inkscape figures
// are in docs/diagrams.md (scripts/diagram-shots.mjs).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { launch, Studio } from '../lib/studio.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../out');
const TEMPLATES = ['confluent-platform', 'session-cluster', 'ha-application', 'flink-sql', 'minio-application', 'cmf-artifacts'];
/** Share of pixels that may differ between the two renderings. */
const TOLERANCE = 0.01;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

for (const id of TEMPLATES) {
  test(`${id}: the exported SVG looks the same in librsvg and Chromium`, async () => {
    const studio = await Studio.open(browser, { acceptDownloads: true, colorScheme: 'light' });
    await studio.open(id);
    await studio.tab('export');
    const [download] = await Promise.all([studio.page.waitForEvent('download'), studio.tid('export-svg').click()]);
    const svg = readFileSync(await download.path(), 'utf8');
    assert.doesNotMatch(svg, /(href|src)="(?!#)/, 'no reference outside the file');
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, `${id}.export.svg`);
    writeFileSync(file, svg);
    const width = Math.ceil(Number(svg.match(/width="([\d.]+)"/)[1]));
    const height = Math.ceil(Number(svg.match(/height="([\d.]+)"/)[1]));
    const page = studio.page;
    await page.setViewportSize({ width, height });
    await page.goto(pathToFileURL(file).href);
    const chromium = PNG.sync.read(await page.screenshot({ clip: { x: 0, y: 0, width, height } }));
    const librsvg = PNG.sync.read(execFileSync('rsvg-convert', ['--background-color=white', file], { maxBuffer: 1 << 28 }));
    assert.deepEqual([librsvg.width, librsvg.height], [width, height], 'the same size');
    const diff = new PNG({ width, height });
    const changed = pixelmatch(chromium.data, librsvg.data, diff.data, width, height, { threshold: 0.1 });
    const share = changed / (width * height);
    if (share > TOLERANCE) {
      writeFileSync(join(OUT, `${id}.librsvg.png`), PNG.sync.write(librsvg));
      writeFileSync(join(OUT, `${id}.librsvg-diff.png`), PNG.sync.write(diff));
    }
    assert.ok(share <= TOLERANCE, `${id}: ${(share * 100).toFixed(2)} % of the pixels differ; see ${OUT}`);
    await studio.page.context().close();
  });
}

// The page itself: layout at 1280x720, themes, help, export.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { baseUrl, launch, Studio, until } from '../lib/studio.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('at 1280x720 canvas and side panel sit side by side without page scrolling', async () => {
  const studio = await Studio.open(browser);
  const size = await studio.page.evaluate(() => ({
    w: document.scrollingElement.scrollWidth,
    h: document.scrollingElement.scrollHeight,
  }));
  assert.deepEqual(size, { w: 1280, h: 720 });
  const canvas = await studio.tid('canvas').boundingBox();
  const panel = await studio.tid('findings').boundingBox();
  assert.ok(canvas.x + canvas.width <= panel.x, 'the side panel is right of the canvas');
  assert.ok(canvas.width > 700 && canvas.height > 550, `canvas is large (${canvas.width}x${canvas.height})`);
  await studio.page.context().close();
});

test('the theme follows prefers-color-scheme and the theme button switches it', async () => {
  const background = (studio) =>
    studio.page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="app"]')).backgroundColor);
  const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b);
  const light = await Studio.open(browser, { colorScheme: 'light' });
  assert.ok(luminance(await background(light)) > 600);
  await light.tid('theme').click();
  assert.ok(luminance(await background(light)) < 150, 'dark after the switch');
  await light.page.context().close();
  const dark = await Studio.open(browser, { colorScheme: 'dark' });
  assert.ok(luminance(await background(dark)) < 150);
  await dark.page.context().close();
});

test('? opens the shortcut help, Escape closes it', async () => {
  const studio = await Studio.open(browser);
  await studio.page.keyboard.press('?');
  const help = await studio.tid('help').textContent();
  for (const key of ['Delete', 'Ctrl+D', 'Ctrl+Z', 'F', 'Escape']) assert.ok(help.includes(key), key);
  await studio.page.keyboard.press('Escape');
  await until(() => studio.tid('help').count(), (n) => n === 0, 'help closed');
  await studio.page.context().close();
});

test('the export panel offers kubectl YAML and CMF JSON, of all or the selection, and the diagram', async () => {
  const studio = await Studio.open(browser, { acceptDownloads: true });
  await studio.open('confluent-platform');
  await studio.tab('export');
  const yaml = await studio.tid('export-yaml').textContent();
  assert.match(yaml, /kind: FlinkApplication/);
  assert.doesNotMatch(yaml, /kind: CmfService|FlinkKubernetesOperator/, 'studio nodes are not exported');
  const [download] = await Promise.all([studio.page.waitForEvent('download'), studio.tid('export-download').click()]);
  assert.equal(download.suggestedFilename(), 'flink-studio.yaml');
  await studio.clickNode('orders');
  await studio.tab('export');
  await studio.tid('export-selection').check();
  const only = await until(() => studio.tid('export-yaml').textContent(), (t) => t !== yaml, 'selection export');
  assert.equal((only.match(/^kind:/gm) ?? []).length, 1, only);
  const [svg] = await Promise.all([studio.page.waitForEvent('download'), studio.tid('export-svg').click()]);
  assert.equal(svg.suggestedFilename(), 'flink-studio-diagram.svg');
  const [png] = await Promise.all([studio.page.waitForEvent('download'), studio.tid('export-png').click()]);
  assert.equal(png.suggestedFilename(), 'flink-studio-diagram.png');
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('a big export shows its first 2,000 lines and downloads whole', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true })).newPage();
  const studio = new Studio(page);
  await page.goto(`${baseUrl()}?generate=600`);
  await studio.ready();
  await studio.tab('export');
  await studio.tid('export-truncated').waitFor();
  const note = await studio.tid('export-truncated').textContent();
  const more = Number(/and (\d+) more lines/.exec(note)[1]);
  const shown = await studio.tid('export-yaml').textContent();
  assert.equal(shown.split('\n').length - 1, 2000, 'the preview is the first 2,000 lines');
  const [download] = await Promise.all([page.waitForEvent('download'), studio.tid('export-download').click()]);
  const whole = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  assert.ok(whole.startsWith(shown), 'the download starts with the preview');
  assert.equal(whole.split('\n').length - 1, 2000 + more, 'and has every line');
  assert.deepEqual(studio.errors, []);
  await page.context().close();
});

// The page itself: layout at 1280x720, themes, the export panel.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio } from '../lib/studio.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('at 1280x720 editor and results sit side by side without page scrolling', async () => {
  const studio = await Studio.open(browser);
  const size = await studio.page.evaluate(() => ({
    w: document.scrollingElement.scrollWidth,
    h: document.scrollingElement.scrollHeight,
  }));
  assert.deepEqual(size, { w: 1280, h: 720 });
  const editor = await studio.tid('editor').boundingBox();
  const panel = await studio.tid('findings').boundingBox();
  assert.ok(editor.x + editor.width <= panel.x, 'results are right of the editor');
  assert.ok(editor.height > 400, `editor is tall enough (${editor.height}px)`);
  await studio.page.context().close();
});

test('light and dark themes follow prefers-color-scheme', async () => {
  const background = async (colorScheme) => {
    const studio = await Studio.open(browser, { colorScheme });
    const bg = await studio.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await studio.page.context().close();
    return bg;
  };
  const light = await background('light');
  const dark = await background('dark');
  const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b);
  assert.ok(luminance(light) > 600, `light background ${light}`);
  assert.ok(luminance(dark) < 150, `dark background ${dark}`);
});

test('the export panel offers the kubectl YAML with copy and download', async () => {
  const studio = await Studio.open(browser, { acceptDownloads: true });
  await studio.tab('export');
  await studio.tid('export').waitFor();
  const yaml = studio.tid('export-yaml');
  if ((await yaml.count()) === 0) {
    // The core's kubectl export is still a stub: the panel says so and disables its buttons.
    await studio.tid('export-empty').waitFor();
    assert.equal(await studio.tid('export-download').isDisabled(), true);
  } else {
    const text = await yaml.textContent();
    assert.match(text, /kind: FlinkDeployment/);
    assert.doesNotMatch(text, /FlinkKubernetesOperator/, 'studio nodes are not exported');
    const [download] = await Promise.all([
      studio.page.waitForEvent('download'),
      studio.tid('export-download').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'flink-studio.yaml');
  }
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

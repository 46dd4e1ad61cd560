// User text is rendered as text, never as HTML; the page runs under a strict CSP; share
// links carry no secrets.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

const evil = '<img src=x onerror=alert(1)>';

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => browser?.close());

test('a name full of markup shows literally on the canvas, in findings and in the inspector', async () => {
  await studio.tid('paste-open').click();
  await studio.tid('paste-text').fill(
    `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: "${evil}"\n  namespace: "${evil}"\n`,
  );
  await studio.tid('paste-import').click();
  const found = await until(() => studio.findings('NAME-FKO-001'), (f) => f.length === 1, 'NAME-FKO-001');
  assert.equal(found[0].message, `'${evil}' is not a valid FlinkDeployment name`);
  const node = studio.node(evil);
  // Too long for one line: over two, as text (whole in the tooltip too).
  const lines = await node.locator('[data-testid="node-name-line"]').allTextContents();
  assert.equal(lines.join(' '), evil, lines.join('|'));
  assert.equal(await node.locator('title').textContent(), `FlinkDeployment ${evil}`);
  const frames = await studio.page.locator('[data-testid="frame"] > title').allTextContents();
  assert.ok(frames.includes(`namespace ${evil} · 1 resource`), frames.join());
  await studio.clickNode(evil);
  await studio.tab('inspector');
  assert.equal(await studio.tid('inspector-title').textContent(), `FlinkDeployment ${evil}`);
  assert.equal(await studio.page.locator('img').count(), 0);
  assert.deepEqual(studio.errors, []);
});

test('the CSP forbids inline scripts', async () => {
  const csp = await studio.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const inline = await studio.page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  assert.equal(inline, 0);
  const ran = await studio.page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    return window.__inlineRan === true;
  });
  assert.equal(ran, false, 'an injected inline script must be blocked');
  assert.ok((await studio.cspViolations()).some((v) => v.startsWith('script-src')));
});

test('a share link leaves secret values out and opens the design', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const s = new Studio(page);
  await s.goto();
  await s.tid('paste-open').click();
  await s.tid('paste-text').fill('apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: flink}\nstringData: {password: hunter2}\n');
  await s.tid('paste-import').click();
  await until(() => s.nodeNames(), (n) => n.includes('creds'), 'the secret');
  await s.tid('share').click();
  const message = await until(() => s.tid('message').textContent(), (m) => /Share link/.test(m), 'the share message');
  assert.match(message, /no secrets/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#design=1\./);
  const other = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await other.goto(link);
  const o = new Studio(other);
  await o.ready();
  await until(() => o.nodeNames(), (n) => n.includes('creds'), 'the shared design');
  await o.clickNode('creds');
  await o.tab('inspector');
  await o.tid('inspector-tab-yaml').click();
  const text = await o.tid('yaml-editor').inputValue();
  assert.doesNotMatch(text, /hunter2/);
  assert.doesNotMatch(other.url(), /#design=/, 'the fragment is cleared once opened');
  await context.close();
});

// User text is rendered as text, never as HTML; the page runs under a strict CSP.
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

test('a name full of markup shows literally in findings and the resource list', async () => {
  await studio.setText(
    `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: "${evil}"\n`,
  );
  const found = await until(
    () => studio.findings('NAME-FKO-001'),
    (f) => f.length === 1,
    'NAME-FKO-001 for the markup name',
  );
  assert.equal(found[0].message, `'${evil}' is not a valid FlinkDeployment name`);
  assert.equal(found[0].resource, `FlinkDeployment ${evil}`);
  await studio.tab('resources');
  assert.deepEqual(await studio.tid('resource-name').allTextContents(), [evil]);
  assert.equal(await studio.page.locator('.results img').count(), 0);
  assert.deepEqual(studio.errors, []);
});

test('the CSP forbids inline scripts', async () => {
  const csp = await studio.page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const inline = await studio.page.evaluate(
    () => [...document.scripts].filter((s) => !s.src).length,
  );
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

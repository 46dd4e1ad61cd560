// Accessibility audited in the real browser: axe-core (npm, tests/e2e/package.json) runs
// its default rule set (WCAG 2.x A/AA and best practices) on every panel, dialog and menu
// of the studio, light and dark; a serious or critical violation fails. Every run prints
// its counts per view.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { launch, Studio } from '../lib/studio.mjs';

// Evaluated through the driver: the page's CSP (script-src 'self') refuses script tags.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** Runs axe on the page; prints the counts; returns the serious and critical violations. */
async function audit(studio, view) {
  if (!(await studio.page.evaluate(() => Boolean(window.axe)))) {
    await studio.page.evaluate(AXE);
  }
  const violations = await studio.page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      first: v.nodes[0]?.target.join(' '),
      why: v.nodes[0]?.failureSummary?.split('\n').slice(1, 2).join(' ').trim(),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const rest = violations.filter((v) => !bad.includes(v)).map((v) => `${v.id}(${v.impact})`);
  const serious = bad.map((v) => `${v.id}(${v.impact})`);
  console.log(`# axe ${view}: ${bad.length} serious/critical${bad.length ? ` [${serious.join(', ')}]` : ''}, ${rest.length} minor/moderate${rest.length ? ` [${rest.join(', ')}]` : ''}`);
  return bad.map((v) => `${view}: ${v.id} (${v.impact}) on ${v.nodes} element(s), e.g. ${v.first}: ${v.why}`);
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no serious or critical violation on any panel (${scheme})`, async () => {
    const studio = await Studio.open(browser, { viewport: { width: 1280, height: 720 }, colorScheme: scheme });
    await studio.open('confluent-platform-broken');
    const problems = [];
    problems.push(...(await audit(studio, 'start')));
    const jobs = await studio.page.locator('[data-testid="node"][data-kind="FlinkApplication"], [data-testid="node"][data-kind="FlinkDeployment"]').evaluateAll((ns) => ns.map((n) => n.dataset.name));
    await studio.clickNode(jobs[0]);
    for (const tab of ['inspector', 'findings', 'config', 'export', 'apply']) {
      await studio.tab(tab);
      await new Promise((r) => setTimeout(r, 150));
      problems.push(...(await audit(studio, `${tab} panel`)));
    }
    await studio.tab('inspector');
    const yaml = studio.tid('inspector-tab-yaml');
    if (await yaml.count()) {
      await yaml.click();
      problems.push(...(await audit(studio, 'inspector YAML')));
    }
    await studio.tab('config');
    await studio.tid('config-wide-open').click();
    problems.push(...(await audit(studio, 'configuration wide view')));
    await studio.tid('config-wide-close').click();
    await studio.tid('palette-open').click();
    problems.push(...(await audit(studio, 'palette menu')));
    await studio.tid('palette-open').click();
    await studio.tid('layers').click();
    problems.push(...(await audit(studio, 'layers menu')));
    await studio.tid('layers').click();
    await studio.page.keyboard.press('?');
    problems.push(...(await audit(studio, 'shortcut help')));
    await studio.page.keyboard.press('Escape');
    await studio.node(jobs[0]).focus();
    await studio.page.keyboard.press('c');
    await studio.tid('connect-picker').waitFor();
    problems.push(...(await audit(studio, 'keyboard connection')));
    await studio.page.keyboard.press('Escape');
    await studio.tid('paste-open').click();
    problems.push(...(await audit(studio, 'paste dialog')));
    await studio.tid('paste-cancel').click();
    await studio.tid('file-input').setInputFiles([
      { name: 'extra.yaml', mimeType: 'text/yaml', buffer: Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata: {name: extra}\n') },
    ]);
    await studio.tid('import-details-open').click();
    problems.push(...(await audit(studio, 'import details')));
    await studio.tid('import-details-close').click();
    assert.deepEqual([...new Set(problems)], []);
    await studio.page.context().close();
  });
}

// Measures the configuration panel at scale in headless Chromium and prints figures (not a
// test):  node tests/e2e/perf-config.mjs [SIZES…]  (default 2000; needs `trunk build --release`)
// For each generated design (`?generate=N&trace=1`): select a job, open the configuration
// tab and compare two jobs, then undo and redo an edit of that job with the tab open (Ctrl+Z / Ctrl+Shift+Z) and
// print the `[trace]` lines of each edit (src/ui/trace.rs) and its longest main-thread task.
import { serve } from './lib/server.mjs';
import { launch, Studio, until } from './lib/studio.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const server = await serve(new URL('../../dist', import.meta.url).pathname);
const browser = await launch();
const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Presses `keys`, waits for the re-validation, returns the traced steps and the longest task. */
async function edit(page, studio, keys, steps) {
  await frame(page);
  steps.length = 0;
  const before = await studio.validations();
  await page.evaluate(() => {
    window.__longest = 0;
    window.__obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__longest = Math.max(window.__longest, e.duration))));
    window.__obs.observe({ type: 'longtask' });
  });
  await page.keyboard.press(keys);
  await until(() => studio.validations(), (n) => n > before, `validation after ${keys}`);
  await frame(page);
  await new Promise((r) => setTimeout(r, 300));
  const longest = await page.evaluate(() => (window.__obs.disconnect(), window.__longest));
  return { steps: steps.splice(0), longest };
}

async function measure(n) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  const studio = new Studio(page);
  const steps = [];
  page.on('console', (m) => {
    const t = /^\[trace\] (.+) ([0-9.]+)$/s.exec(m.text());
    if (t) steps.push([t[1], Number(t[2])]);
  });
  await page.goto(`${server.url}?generate=${n}&trace=1`);
  await studio.ready();
  await until(() => studio.resources(), (r) => r >= n, 'the generated design', 120_000);
  for (let i = 0; i < 40 && Number(await studio.tid('canvas').getAttribute('data-zoom')) < 0.6; i += 1) {
    await studio.tid('zoom-in').click();
  }
  await frame(page);
  // A job node wholly inside the canvas.
  const at = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const kinds = ['FlinkDeployment', 'FlinkApplication', 'Statement', 'FlinkSessionJob', 'ComputePool'];
    for (const node of document.querySelectorAll('[data-testid="node"]')) {
      if (!kinds.includes(node.dataset.kind)) continue;
      const b = node.querySelector('.node-shape').getBoundingClientRect();
      if (b.left > c.left + 10 && b.top > c.top + 10 && b.right < c.right - 10 && b.bottom < c.bottom - 10)
        return { x: b.left + b.width / 2, y: b.top + b.height / 2, name: node.dataset.name, kind: node.dataset.kind };
    }
    return null;
  });
  if (!at) throw new Error('no job node in view');
  await page.mouse.click(at.x, at.y);
  // An edit of that job (its name), made in the inspector; undone and redone below.
  await studio.tab('inspector');
  const name = page.locator('[data-testid="form"] [data-pointer="/metadata/name"]');
  await name.fill(`${at.name}-x`);
  const before = await studio.validations();
  await name.press('Enter');
  await name.evaluate((e) => e.blur());
  await until(() => studio.validations(), (v) => v > before, 'validation after the rename');
  await studio.tab('config');
  await studio.tid('config').first().waitFor();
  // Two jobs in the compare as well (the first two offered).
  const options = await studio.tid('compare-left').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  await studio.tid('compare-left').selectOption(options[0]);
  await studio.tid('compare-right').selectOption(options[1]);
  await studio.tid('compare-jobs').waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.evaluate(() => document.activeElement?.blur());
  const undo = await edit(page, studio, 'Control+z', steps);
  const redo = await edit(page, studio, 'Control+Shift+z', steps);
  console.log(`\n${n} resources, config tab open, ${at.kind} ${at.name} selected`);
  for (const [what, r] of [['undo', undo], ['redo', redo]]) {
    console.log(`  ${what}: longest task ${r.longest.toFixed(0)} ms`);
    for (const [step, ms] of r.steps) {
      const name = step.length > 60 ? `${step.slice(0, 57)}...` : step;
      console.log(`    [trace] ${name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms`);
    }
  }
  await page.context().close();
}

for (const n of sizes.length ? sizes : [2000]) await measure(n);
await browser.close();
await server.close();

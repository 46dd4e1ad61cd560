// Measures the canvas at scale in headless Chromium and prints figures (not a test):
//   node tests/e2e/perf.mjs [--trace] [SIZES…]  (default 2000 10000; needs `trunk build --release`;
//   PERF_DIST=<folder> measures another build instead of dist/)
// `--trace` loads the studio with `?trace=1` and prints the cost of each traced UI step
// (`[trace] <step> <ms>` console lines, see src/ui/trace.rs) during the edit.
// For each generated design (`?generate=N`): load time, pan and drag frame times (fitted
// overview and zoomed in; a drag ending on another node, whose drop searches a free spot), edit → findings latency, and the longest task (main-thread
// block) seen during each interaction.
import { serve } from './lib/server.mjs';
import { launch, Studio, until } from './lib/studio.mjs';

const args = process.argv.slice(2);
const trace = args.includes('--trace');
const sizes = args.map(Number).filter((n) => n > 0);
// PERF_DIST=<folder> measures another build (e.g. a copy of main's) on the same machine.
const server = await serve(process.env.PERF_DIST ?? new URL('../../dist', import.meta.url).pathname);
const browser = await launch();

/** Runs `steps` pointer moves on the canvas, one per animation frame (towards `to`, else
 *  3 px right and 2 px down each); returns frame stats and the release (drop) time. */
async function frames(page, kind, from, steps, to = null) {
  return page.evaluate(
    async ({ kind, from, steps, to }) => {
      const at = (i) => (to ? { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps } : { x: from.x + i * 3, y: from.y + i * 2 });
      const svg = document.querySelector('[data-testid="canvas"]');
      const longest = window.__watchLongTasks();
      const fire = (type, x, y) =>
        svg.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, button: 0, buttons: 1, pointerId: 1, isPrimary: true }));
      const raf = () => new Promise((r) => requestAnimationFrame(r));
      fire('pointerdown', from.x, from.y);
      await raf();
      const times = [];
      let last = performance.now();
      for (let i = 1; i <= steps; i += 1) {
        fire('pointermove', at(i).x, at(i).y);
        await raf();
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      const released = performance.now();
      fire('pointerup', at(steps).x, at(steps).y);
      await raf();
      const drop = performance.now() - released;
      await new Promise((r) => setTimeout(r, 100));
      const longTask = longest();
      times.sort((a, b) => a - b);
      const avg = times.reduce((a, b) => a + b, 0) / times.length;
      return { kind, avg, p95: times[Math.floor(times.length * 0.95)], max: times[times.length - 1], longTask, drop };
    },
    { kind, from, steps, to },
  );
}

async function measure(n) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  // `__watchLongTasks()` starts recording main-thread tasks over 50 ms; the function it
  // returns stops and gives the longest one's duration (0: none).
  await page.addInitScript(() => {
    window.__watchLongTasks = () => {
      let longest = 0;
      const watch = new PerformanceObserver((l) => l.getEntries().forEach((e) => (longest = Math.max(longest, e.duration))));
      watch.observe({ type: 'longtask' });
      return () => {
        watch.disconnect();
        return longest;
      };
    };
  });
  const studio = new Studio(page);
  const t0 = Date.now();
  // A lost page (renderer crash, out of memory) is named, with the last step reached.
  let stage = 'load';
  page.on('crash', () => console.log(`${n} resources: the page crashed during "${stage}"`));
  page.on('close', () => stage !== 'done' && console.log(`${n} resources: the page closed during "${stage}"`));
  if (process.env.PERF_DEBUG) {
    page.on('console', (m) => console.log(`  [console ${m.type()}] ${m.text().slice(0, 300)}`));
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', (e) => {
        const wasm = e.detail.wasm;
        setInterval(() => console.log(`[memory] wasm ${(wasm.memory.buffer.byteLength / 1e6).toFixed(0)} MB, js ${(performance.memory.usedJSHeapSize / 1e6).toFixed(0)} MB`), 1000);
      });
    });
  }
  const steps = [];
  page.on('console', (m) => {
    const t = /^\[trace\] (.+) ([0-9.]+)$/s.exec(m.text());
    if (t) steps.push([t[1], Number(t[2])]);
  });
  await page.goto(`${server.url}?generate=${n}&autosave=1${trace ? '&trace=1' : ''}`);
  await studio.ready();
  await until(() => studio.resources(), (r) => r >= n, 'the generated design', 120_000);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const load = Date.now() - t0;
  const box = await studio.tid('canvas').boundingBox();
  const rows = [];
  stage = 'pan (fitted)';
  rows.push(await frames(page, 'pan (fitted)', { x: box.x + box.width - 20, y: box.y + box.height - 20 }, 40));
  for (let i = 0; i < 40 && Number(await studio.tid('canvas').getAttribute('data-zoom')) < 0.6; i += 1) {
    await studio.tid('zoom-in').click();
  }
  const drawn = await studio.tid('canvas').getAttribute('data-drawn');
  stage = 'pan (zoomed)';
  rows.push(await frames(page, `pan (zoomed, ${drawn} drawn)`, { x: box.x + 5, y: box.y + box.height - 5 }, 40));
  // Centre a node: clicking a finding selects its node and pans to it.
  await studio.tab('findings');
  // A FlinkDeployment's: renaming it to an invalid name is an error (an operator install's
  // release name is not checked the same way, and its badge would never come).
  const clickable = page.locator('[data-testid="finding"].clickable');
  const deployment = clickable.filter({ has: page.locator('[data-testid="finding-resource"]', { hasText: /^FlinkDeployment\b/ }) });
  await ((await deployment.count()) ? deployment : clickable).first().click();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // A node wholly inside the canvas (the drawn set includes a margin around the view).
  const inside = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    for (const n of document.querySelectorAll('[data-testid="node"] .node-shape')) {
      const b = n.getBoundingClientRect();
      if (b.left > c.left + 200 && b.top > c.top + 60 && b.right < c.right - 200 && b.bottom < c.bottom - 100)
        return { x: b.left + 20, y: b.top + 30 };
    }
    return null;
  });
  if (!inside) console.log('no node wholly in view', await studio.tid('canvas').getAttribute('data-zoom'), await studio.tid('canvas').getAttribute('data-drawn'), await page.locator('[data-testid="node"]').count());
  const before = await studio.validations();
  stage = 'drag a node';
  rows.push(await frames(page, 'drag a node', inside, 40));
  // Drag a node onto another one: the drop searches a free spot.
  const pair = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const seen = [...document.querySelectorAll('[data-testid="node"] .node-shape')]
      .map((n) => n.getBoundingClientRect())
      .filter((b) => b.left > c.left + 20 && b.top > c.top + 60 && b.right < c.right - 20 && b.bottom < c.bottom - 20);
    return seen.length > 1 ? [{ x: seen[0].left + 20, y: seen[0].top + 30 }, { x: seen[1].left + 20, y: seen[1].top + 30 }] : null;
  });
  stage = 'drag a node onto another';
  steps.length = 0;
  if (pair) rows.push(await frames(page, 'drag a node onto another', pair[0], 40, pair[1]));
  const dropSteps = steps.splice(0);
  const revalidated = (await studio.validations()) !== before;
  // Edit → findings: rename a FlinkDeployment through the form, time until re-validated.
  // Selected again: the drags above selected the nodes they moved.
  await studio.tab('findings');
  await ((await deployment.count()) ? deployment : clickable).first().click();
  if (!(await deployment.count())) console.log('  (no FlinkDeployment finding listed: renaming the first clickable finding\'s resource)');
  await studio.tab('inspector');
  steps.length = 0;
  stage = 'edit (rename)';
  const edit = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid="form"] [data-pointer="/metadata/name"]');
    const status = document.querySelector('[data-testid="status"]');
    const before = status.dataset.validations;
    const watch = window.__watchLongTasks();
    const t = performance.now();
    input.value = 'Renamed.Node';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    while (status.dataset.validations === before) await new Promise((r) => setTimeout(r, 1));
    const validated = performance.now() - t;
    // Bounded: a badge that never comes is reported with what the canvas shows instead.
    let missing = null;
    while (!document.querySelector('[data-testid="node"][data-name="Renamed.Node"][data-severity="error"]')) {
      if (performance.now() - t > 20_000) {
        const n = document.querySelector('[data-testid="node"][data-name="Renamed.Node"]');
        const canvas = document.querySelector('[data-testid="canvas"]');
        missing = n
          ? `the renamed ${n.dataset.kind} is drawn with severity ${n.dataset.severity} (${n.dataset.findings} findings)`
          : `the renamed node is not drawn (${canvas.classList.contains('overview') ? 'overview' : `${canvas.dataset.drawn} in view`})`;
        break;
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
    const badge = missing ? Number.NaN : performance.now() - t;
    await new Promise((r) => setTimeout(r, 50));
    const blocked = watch();
    // The autosave follows within a second: the longest task meanwhile.
    const longest = window.__watchLongTasks();
    await new Promise((r) => setTimeout(r, 1200));
    const kind = document.querySelector('[data-testid="node"][data-name="Renamed.Node"]')?.dataset.kind ?? 'resource';
    return { validated, badge, blocked, autosave: longest(), missing, kind };
  });
  // Edit → findings for a field that is not a name (references unchanged): the usual edit.
  const renameSteps = steps.splice(0);
  // Not a name, namespace or reference: an edit that leaves the graph as it was.
  const skip = /(\/name|[Nn]amespace|[Ee]nvironment|Name|Ref)$/.source;
  const fieldOf = () =>
    page.evaluate(
      (skip) => [...document.querySelectorAll('[data-testid="form"] input[data-pointer]')].some((i) => !new RegExp(skip).test(i.dataset.pointer)),
      skip,
    );
  const drawnNodes = page.locator('[data-testid="node"] .node-shape');
  for (let i = 0, count = await drawnNodes.count(); i < count && !(await fieldOf()); i += 1) {
    await drawnNodes.nth(i).click({ timeout: 2000 }).catch(() => {});
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await new Promise((r) => setTimeout(r, 1200));
  steps.length = 0;
  stage = 'edit a field';
  const field = await page.evaluate(async (skip) => {
    skip = new RegExp(skip);
    const input = [...document.querySelectorAll('[data-testid="form"] input[data-pointer]')].find(
      (i) => !skip.test(i.dataset.pointer),
    );
    if (!input) return null;
    const status = document.querySelector('[data-testid="status"]');
    const before = status.dataset.validations;
    const watch = window.__watchLongTasks();
    const t = performance.now();
    input.value = input.type === 'number' ? String(Number(input.value || 0) + 1) : `${input.value}-edited`;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    while (status.dataset.validations === before) await new Promise((r) => setTimeout(r, 1));
    const validated = performance.now() - t;
    await new Promise((r) => setTimeout(r, 50));
    return { pointer: input.dataset.pointer, validated, blocked: watch() };
  }, skip);
  const fieldSteps = steps.splice(0);
  console.log(`\n${n} resources: load ${load} ms (navigation → drawn)`);
  for (const r of rows) {
    const f = (v) => v.toFixed(1).padStart(7);
    console.log(`  ${r.kind.padEnd(28)} frame avg ${f(r.avg)} ms  p95 ${f(r.p95)}  max ${f(r.max)}  longest task ${f(r.longTask)} ms  release → frame ${f(r.drop)} ms`);
  }
  console.log(`  drag re-validated: ${revalidated}`);
  if (trace) {
    // The drop's steps summed by name (a drag logs the same steps every frame).
    const sums = new Map();
    for (const [step, ms] of dropSteps) sums.set(step, [(sums.get(step)?.[0] ?? 0) + ms, (sums.get(step)?.[1] ?? 0) + 1, Math.max(sums.get(step)?.[2] ?? 0, ms)]);
    for (const [step, [total, count, most]] of sums) console.log(`    [trace, drag onto another] ${step.padEnd(24)} ${count}× total ${total.toFixed(1)} ms, longest ${most.toFixed(1)} ms`);
  }
  console.log(`  edit (rename a ${edit.kind}) → findings ${edit.validated.toFixed(0)} ms, → badge on the canvas ${edit.badge.toFixed(0)} ms; longest main-thread task meanwhile ${edit.blocked.toFixed(0)} ms (0: none over 50 ms)`);
  if (edit.missing) console.log(`  NO BADGE within 20 s: ${edit.missing}`);
  console.log(`  longest task in the second after (autosave) ${edit.autosave.toFixed(0)} ms`);
  const show = (list) => {
    if (trace) for (const [step, ms] of list) console.log(`    [trace] ${step.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms`);
  };
  show(renameSteps);
  if (field) console.log(`  edit a field (${field.pointer}) → findings ${field.validated.toFixed(0)} ms; longest main-thread task meanwhile ${field.blocked.toFixed(0)} ms`);
  else console.log('  edit a field: the selected node has no field besides its name');
  show(fieldSteps);
  stage = 'done';
  await page.context().close();
}

for (const n of sizes.length ? sizes : [2000, 10000]) await measure(n);
await browser.close();
await server.close();

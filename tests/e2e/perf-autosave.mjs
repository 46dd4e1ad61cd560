// Measures what autosave costs the page at scale and how soon an edit is stored (not a
// test; prints figures):  node tests/e2e/perf-autosave.mjs [SIZES…]  (default 2000 10000;
// needs `trunk build --release`). For each generated design (`?generate=N&autosave=1
// &trace=1`) two edits are made (a pasted ConfigMap): the first save and a later one.
// Printed per edit: time from the edit until another page of the origin reads the edit
// from IndexedDB, and until the page is told (the status bar's `data-saved` changes; the
// worker hears back from the storage only after its validation), the main-thread tasks over 50 ms that start 300 ms or more after
// the edit (where a save on the main thread shows; validation runs in the worker), and
// the `[trace]` steps of the save (`save order`, `send delta`, the worker's times).
import { serve } from './lib/server.mjs';
import { launch, Studio, until } from './lib/studio.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const server = await serve(process.env.DIST ?? new URL('../../dist', import.meta.url).pathname);
const browser = await launch();

async function measure(n) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__tasks.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
  });
  const steps = [];
  page.on('console', (m) => {
    const t = /^\[trace\] (.+) ([0-9.]+)$/s.exec(m.text());
    if (t) steps.push([t[1], Number(t[2]), Date.now()]);
  });
  const studio = new Studio(page);
  await page.goto(`${server.url}?generate=${n}&autosave=1&trace=1`);
  await studio.ready();
  await until(() => studio.resources(), (r) => r >= n, 'the generated design', 120_000);
  await until(() => studio.tid('status').getAttribute('data-validator'), (v) => v === 'worker', 'the worker', 60_000);
  await new Promise((r) => setTimeout(r, 1500));
  console.log(`\n${n} resources`);
  // Another page of the same origin watches IndexedDB: when the edit is really stored.
  const probe = await page.context().newPage();
  await probe.goto(`${server.url}public/favicon.svg`);
  for (const label of ['first save', 'later save']) {
    const before = await studio.saved();
    const name = `perf-${label.replace(' ', '-')}`;
    await studio.tid('paste-open').click();
    await studio.tid('paste-text').fill(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: flink}\n`);
    steps.length = 0;
    const inStorage = probe.evaluate(
      (name) =>
        new Promise((resolve) => {
          const tick = () => {
            const open = indexedDB.open('flink-studio', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('designs');
            open.onsuccess = () => {
              const db = open.result;
              const get = db.transaction('designs').objectStore('designs').get('autosave');
              get.onsuccess = () => {
                db.close();
                if (get.result?.design?.includes(name)) resolve(Date.now());
                else setTimeout(tick, 10);
              };
            };
          };
          tick();
        }),
      name,
    );
    const wall = Date.now();
    const t0 = await page.evaluate(() => {
      const status = document.querySelector('[data-testid="status"]');
      window.__stored = new Promise((resolve) => {
        new MutationObserver((_, o) => {
          o.disconnect();
          resolve(performance.now());
        }).observe(status, { attributes: true, attributeFilter: ['data-saved'] });
      });
      const t = performance.now();
      document.querySelector('[data-testid="paste-import"]').click();
      return t;
    });
    await until(() => studio.saved(), (s) => s !== before && s !== '', 'the save', 60_000);
    const stored = await page.evaluate(() => window.__stored);
    await new Promise((r) => setTimeout(r, 300));
    const tasks = await page.evaluate((t0) => window.__tasks.filter(([s]) => s >= t0), t0);
    const late = tasks.filter(([s]) => s >= t0 + 300).map(([, d]) => d.toFixed(0));
    const edit = tasks.filter(([s]) => s < t0 + 300).map(([, d]) => d.toFixed(0));
    const durable = (await inStorage) - wall;
    console.log(`  ${label}: edit → in IndexedDB ≤ ${durable} ms (seen from another page), → the page told ${(stored - t0).toFixed(0)} ms; main-thread tasks > 50 ms: during the edit [${edit.join(', ')}] ms, from 300 ms on [${late.join(', ')}] ms`);
    for (const [step, ms] of steps.filter(([s]) => /save|autosave|send delta|delta$/.test(s))) {
      console.log(`    [trace] ${step.padEnd(42)} ${ms.toFixed(1).padStart(8)} ms`);
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
  await page.context().close();
}

for (const n of sizes.length ? sizes : [2000, 10000]) await measure(n);
await browser.close();
await server.close();

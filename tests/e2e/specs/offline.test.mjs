// "Works with the network off": the studio never asks another origin for anything, and
// once opened (public/sw.js keeps its files) it reloads, restores the design, validates
// in its worker, opens templates and exports with the network off.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { baseUrl, launch, Studio, until } from '../lib/studio.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('with the network off the studio reloads, restores the design and keeps working', async () => {
  const studio = await Studio.open(browser);
  const origins = new Set();
  studio.page.context().on('request', (r) => origins.add(new URL(r.url()).origin));
  // The service worker controls the page once activated.
  await studio.page.evaluate(
    () =>
      new Promise((ok) => {
        if (navigator.serviceWorker.controller) ok();
        else navigator.serviceWorker.addEventListener('controllerchange', () => ok());
      }),
  );
  await studio.open('session-cluster');
  await until(() => studio.tid('status').getAttribute('data-saved'), (s) => s !== '', 'the autosave');

  await studio.page.context().setOffline(true);
  await studio.reload();
  await until(() => studio.resources(), (n) => n === 7, 'the restored design');
  await until(() => studio.tid('status').getAttribute('data-validator'), (v) => v === 'worker', 'the validation worker, offline');
  await studio.open('flink-sql-broken');
  assert.ok(parseInt(await studio.tid('count-error').textContent(), 10) > 0, 'findings offline');
  await studio.tab('export');
  assert.match(await studio.tid('export-yaml').textContent(), /kind: /);

  assert.deepEqual([...origins], [new URL(baseUrl()).origin], 'no request left the studio origin');
  assert.deepEqual(studio.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
  await studio.page.context().close();
});

// The architecture diagram: namespaces as frames, text inside its shapes, routed edges
// ending on what they reference, layers, and the export for documents.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('every text of every template stays inside its node, measured by the browser', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1440, height: 900 } });
  for (const id of ['confluent-platform', 'session-cluster', 'ha-application', 'flink-sql', 'minio-application']) {
    await studio.open(id);
    await studio.tid('fit').click();
    const zoom = Number(await studio.tid('canvas').getAttribute('data-zoom'));
    console.log(`# fitted zoom at 1440×900: ${id} ${(zoom * 100).toFixed(0)} %`);
    assert.ok(zoom >= 0.8, `${id} fitted at ${zoom}`);
    const outside = await studio.page.locator('[data-testid="node"]').evaluateAll((nodes) =>
      nodes.flatMap((n) => {
        const shape = n.querySelector('.node-shape').getBBox();
        return [...n.querySelectorAll('text:not(.badge-text)')]
          .map((t) => ({ box: t.getBBox(), text: t.textContent }))
          .filter(({ box }) => box.x < shape.x || box.x + box.width > shape.x + shape.width - 4)
          .map(({ text }) => `${n.dataset.name}: ${text}`);
      }),
    );
    assert.deepEqual(outside, [], `${id}: text leaves its node`);
    const titles = await studio.tid('frame').evaluateAll((frames) =>
      frames
        .filter((f) => f.querySelector('text').getBBox().width > f.querySelector('rect').getBBox().width - 20)
        .map((f) => f.dataset.namespace),
    );
    assert.deepEqual(titles, [], `${id}: frame titles fit their frames`);
    // No namespace is drawn twice: frames only.
    assert.equal(await studio.page.locator('[data-testid="node"][data-kind="Namespace"]').count(), 0);
  }
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('operators sit in their namespace and reach what they act on; edges end on frames', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1440, height: 900 } });
  await studio.open('confluent-platform');
  const inside = async (name, ns) => {
    const node = await studio.node(name).locator('.node-shape').boundingBox();
    const frame = await studio.page.locator(`[data-testid="frame"][data-namespace="${ns}"] rect`).boundingBox();
    return node.x >= frame.x && node.y >= frame.y && node.x + node.width <= frame.x + frame.width
      && node.y + node.height <= frame.y + frame.height;
  };
  for (const name of ['confluent-operator', 'cmf', 'kafka', 'schemaregistry']) {
    assert.ok(await inside(name, 'confluent'), `${name} inside confluent`);
  }
  assert.ok(await inside('flink-kubernetes-operator', 'flink'));
  const id = (name) => studio.node(name).getAttribute('data-id');
  const cmf = await id('cmf');
  const cfk = await id('confluent-operator');
  const env = await id('production');
  const kafka = await id('kafka');
  const fko = await id('flink-kubernetes-operator');
  // The edges are drawn a slice at a time after the nodes.
  const drawnEdges = () =>
    studio.tid('edge').evaluateAll((es) => es.map((e) => ({ from: e.dataset.from, to: e.dataset.to, field: e.dataset.field })));
  const edges = await until(drawnEdges, (es) => es.some((e) => e.from === fko), 'the edges drawn');
  assert.ok(edges.some((e) => e.from === cmf && e.to === env), 'CMF manages its environment');
  assert.ok(edges.some((e) => e.from === cfk && e.to === env), 'CFK reconciles the FlinkEnvironment');
  assert.ok(edges.some((e) => e.to === kafka && e.field === 'bootstrap.servers'), 'the database reaches Kafka');
  const watch = edges.find((e) => e.from === fko);
  assert.ok(watch && watch.to === '' && watch.field === 'watchNamespaces', 'FKO → the apps frame');
  await studio.page.context().close();
});

test('a frame is its namespace: click its title to inspect it, drop a connection on it', async () => {
  const studio = await Studio.open(browser, { viewport: { width: 1440, height: 900 } });
  await studio.open('minio-application');
  const title = await studio.page.locator('[data-testid="frame"][data-namespace="minio"] [data-testid="frame-title"]').boundingBox();
  await studio.page.mouse.click(title.x + 10, title.y + title.height / 2);
  await studio.tab('inspector');
  assert.equal(await studio.tid('inspector-title').textContent(), 'Namespace minio');
  // Connect the operator to the minio frame: it now watches that namespace too.
  const before = await studio.validations();
  await studio.clickNode('flink-kubernetes-operator');
  const port = await studio.node('flink-kubernetes-operator').locator('[data-testid="port"]').boundingBox();
  const frame = await studio.page.locator('[data-testid="frame"][data-namespace="minio"] rect').boundingBox();
  await studio.page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await studio.page.mouse.down();
  await studio.page.mouse.move(frame.x + frame.width - 12, frame.y + frame.height - 8, { steps: 8 });
  await studio.page.mouse.up();
  await studio.validated(before, 'validation after connecting to the frame');
  const message = await studio.tid('message').textContent();
  assert.match(message, /Connect flink-kubernetes-operator to minio \(spec\.watchNamespaces\.1\)/);
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

test('layers hide RBAC, labels and more; the documentation preset is remembered and exported', async () => {
  const studio = await Studio.open(browser, { acceptDownloads: true });
  await studio.open('session-cluster');
  assert.ok((await studio.nodeNames()).includes('flink-role-binding'));
  assert.ok((await studio.tid('edge-label').count()) > 0);
  await studio.tid('layers').click();
  await studio.tid('layers-documentation').click();
  await until(() => studio.nodeNames(), (n) => !n.includes('flink-role-binding') && !n.includes('flink'), 'RBAC hidden');
  await until(() => studio.tid('edge-label').count(), (n) => n === 0, 'no labels in the documentation preset');
  assert.ok((await studio.nodeNames()).includes('session-cluster'));
  await studio.tid('layer-installs').uncheck();
  await until(() => studio.nodeNames(), (n) => !n.includes('flink-kubernetes-operator'), 'installs hidden');
  // View state: remembered across a reload, not part of the design.
  await studio.reload();
  assert.ok(!(await studio.nodeNames()).includes('flink-kubernetes-operator'));
  assert.equal(await studio.resources(), 7, 'nothing was removed from the design');
  await studio.tab('export');
  const [svg] = await Promise.all([studio.page.waitForEvent('download'), studio.tid('export-svg').click()]);
  const text = readFileSync(await svg.path(), 'utf8');
  assert.ok(text.includes('session-cluster') && !text.includes('flink-role-binding'), 'the export shows what is shown');
  await studio.tid('layers').click();
  await studio.tid('layers-all').click();
  await until(() => studio.nodeNames(), (n) => n.includes('flink-role-binding'), 'everything back');
  await studio.page.context().close();
});

test('the diagram export has a title and notes, PNG at 1× and 2×, and the current view', async () => {
  const studio = await Studio.open(browser, { acceptDownloads: true });
  await studio.open('flink-sql');
  await studio.tab('export');
  await studio.tid('diagram-title').fill('Flink SQL <prod>');
  await studio.tid('diagram-notes').fill('Reviewed by the platform team.');
  const download = async (id) => {
    const [d] = await Promise.all([studio.page.waitForEvent('download'), studio.tid(id).click()]);
    return readFileSync(await d.path());
  };
  const svg = (await download('export-svg')).toString('utf8');
  assert.match(svg, /<title>Flink SQL &lt;prod&gt;<\/title>/);
  assert.match(svg, /<desc>Reviewed by the platform team\.<\/desc>/);
  for (const banned of ['<style', 'href=', 'url(', '<image', '@font-face']) assert.ok(!svg.includes(banned), banned);
  const one = PNG.sync.read(await download('export-png'));
  const two = PNG.sync.read(await download('export-png-2x'));
  assert.equal(two.width, one.width * 2);
  assert.equal(two.height, one.height * 2);
  await studio.tid('diagram-scope').selectOption('view');
  const view = (await download('export-svg')).toString('utf8');
  assert.match(view, /overflow="hidden"/, 'the current view is clipped to the view');
  assert.deepEqual(studio.errors, []);
  await studio.page.context().close();
});

// Several files: dropping, picking, examples, removing.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

const session = (name) => `apiVersion: flink.apache.org/v1beta1
kind: FlinkSessionJob
metadata:
  name: ${name}
spec:
  deploymentName: Bad_Cluster
  job:
    jarURI: https://example.com/job.jar
`;

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => browser?.close());

test('files dropped on the page are imported, each under its own name', async () => {
  await studio.page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.yaml', { type: 'text/yaml' }));
    dt.items.add(new File(['{"name": "dev", "kubernetesNamespace": "dev"}'], 'env.json'));
    const target = document.querySelector('[data-testid="app"]');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, session('dropped-job'));
  await until(
    () => studio.tid('file-tab-name').allTextContents(),
    (t) => t.includes('dropped.yaml') && t.includes('env.json'),
    'tabs of the dropped files',
  );
  const found = await until(
    () => studio.findings('NAME-FKO-001'),
    (f) => f.some((x) => x.location === 'dropped.yaml:6'),
    'the finding in the dropped file',
  );
  assert.ok(found.some((x) => x.pointer === '/spec/deploymentName'));
});

test('files chosen with the picker are imported', async () => {
  await studio.tid('file-input').setInputFiles([
    { name: 'picked.yaml', mimeType: 'text/yaml', buffer: Buffer.from(session('picked-job')) },
  ]);
  await until(
    () => studio.tid('file-tab-name').allTextContents(),
    (t) => t.includes('picked.yaml'),
    'the picked file tab',
  );
  await studio.tab('resources');
  await until(
    () => studio.tid('resource-name').allTextContents(),
    (n) => n.includes('picked-job') && n.includes('dropped-job') && n.includes('dev'),
    'resources of every file',
  );
});

test('removing a file removes its resources and findings', async () => {
  const tabs = await studio.tid('file-tab-name').allTextContents();
  await studio.tid('file-close').nth(tabs.indexOf('dropped.yaml')).click();
  await until(
    () => studio.findings('NAME-FKO-001'),
    (f) => !f.some((x) => x.location?.startsWith('dropped.yaml')),
    'findings of the removed file to go',
  );
  await studio.tab('resources');
  assert.ok(!(await studio.tid('resource-name').allTextContents()).includes('dropped-job'));
});

test('loading the broken example shows its repeated key and invalid names', async () => {
  await studio.tid('example-select').selectOption('broken');
  await until(
    () => studio.tid('file-tab-name').allTextContents(),
    (t) => t.length === 1 && t[0] === 'broken.yaml',
    'the example replacing the files',
  );
  const dup = await until(() => studio.findings('CFG-YAML-001'), (f) => f.length === 1, 'CFG-YAML-001');
  assert.equal(dup[0].location, 'broken.yaml:12');
  const names = await studio.findings('NAME-FKO-001');
  assert.deepEqual(names.map((f) => f.location).sort(), ['broken.yaml:27', 'broken.yaml:5']);
  assert.ok(Number(await studio.tid('count-error').textContent().then(parseInt)) >= 3);
});

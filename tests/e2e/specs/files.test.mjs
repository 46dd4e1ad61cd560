// Getting work in: dropping files, picking files and folders, pasting, examples.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test('files dropped on the page are imported into the design', async () => {
  await studio.page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.yaml', { type: 'text/yaml' }));
    dt.items.add(new File(['{"name": "dev", "kubernetesNamespace": "dev"}'], 'env.json'));
    const target = document.querySelector('[data-testid="app"]');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, session('dropped-job'));
  await until(() => studio.nodeNames(), (n) => n.includes('dropped-job') && n.includes('dev'), 'dropped nodes');
  const found = await until(
    () => studio.findings('NAME-FKO-001'),
    (f) => f.some((x) => x.location === 'dropped.yaml:6'),
    'the finding in the dropped file, with its line',
  );
  assert.ok(found.some((x) => x.pointer === '/spec/deploymentName'));
  // The canvas draws the edges a slice at a time, after the findings may have arrived.
  const danglingFields = () => studio.tid('edge-dangling').evaluateAll((es) => es.map((e) => e.dataset.field));
  const dangling = await until(danglingFields, (d) => d.includes('deploymentName'), 'the broken edge drawn');
  assert.ok(dangling.includes('deploymentName'), 'the unresolved session cluster is a broken edge');
});

test('files chosen with the picker are imported and selected', async () => {
  await studio.tid('file-input').setInputFiles([
    { name: 'picked.yaml', mimeType: 'text/yaml', buffer: Buffer.from(session('picked-job')) },
  ]);
  await until(() => studio.nodeNames(), (n) => n.includes('picked-job'), 'the picked resource');
  const selected = await studio.page.locator('[data-testid="node"].selected').evaluateAll((ns) => ns.map((n) => n.dataset.name));
  assert.deepEqual(selected, ['picked-job']);
});

test('a folder is imported recursively, manifests only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fstudio-'));
  mkdirSync(join(dir, 'team', 'jobs'), { recursive: true });
  writeFileSync(join(dir, 'team', 'a.yaml'), session('folder-a'));
  writeFileSync(join(dir, 'team', 'jobs', 'b.yml'), session('folder-b'));
  writeFileSync(join(dir, 'team', 'README.md'), '# not a manifest\n');
  await studio.tid('folder-input').setInputFiles(join(dir, 'team'));
  await until(() => studio.nodeNames(), (n) => n.includes('folder-a') && n.includes('folder-b'), 'folder resources');
  const message = await studio.tid('message').textContent();
  assert.match(message, /Imported 2 resource/);
  assert.doesNotMatch(message, /README/);
});

test('pasted manifests are imported; a syntax error is reported with its line', async () => {
  await studio.tid('paste-open').click();
  await studio.tid('paste-text').fill(`${session('pasted-job')}---\nkind: [unclosed\n`);
  await studio.tid('paste-import').click();
  await until(() => studio.nodeNames(), (n) => n.includes('pasted-job'), 'the pasted resource');
  const syntax = await until(() => studio.findings('IMP-SYNTAX-001'), (f) => f.length === 1, 'the syntax error');
  assert.match(syntax[0].location, /^pasted-\d+\.yaml:\d+$/);
});

test('loading the broken example shows its repeated key and invalid names', async () => {
  await studio.open('broken');
  const dup = await until(() => studio.findings('CFG-YAML-001'), (f) => f.length === 1, 'CFG-YAML-001');
  assert.equal(dup[0].location, 'broken.yaml:12');
  const names = await studio.findings('NAME-FKO-001');
  assert.deepEqual(names.map((f) => f.location).sort(), ['broken.yaml:27', 'broken.yaml:5']);
  assert.ok((await studio.nodeNames()).every((n) => !n.startsWith('folder-')), 'the example replaced the design');
  assert.deepEqual(studio.errors, []);
});

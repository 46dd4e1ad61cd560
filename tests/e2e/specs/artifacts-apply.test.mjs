// Applying artifacts from the studio: the Apply tab asks for each artifact's file (the
// browser cannot read the path the design names), plans their multipart uploads before
// the jobs that use them, applies against the CMF stand-in behind Prism with the CMF 2.4
// OpenAPI, and re-plans to nothing; a changed file plans one new version.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { startCmf } from '../lib/cmf.mjs';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
let cmf;
before(async () => {
  cmf = await startCmf(process.env.E2E_BASE_URL, { spec: '2.4' });
  process.env.E2E_BASE_URL = cmf.url; // this file runs in its own process
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => {
  await browser?.close();
  await cmf?.close();
});

test('artifacts are uploaded first, only once, and again when their file changes', async () => {
  await studio.open('cmf-artifacts');
  await studio.tab('apply');
  await studio.tid('apply-artifacts').waitFor();
  await studio.chooseArtifact('orders-job.jar', 'job jar v1');
  await studio.chooseArtifact('currency-udf.jar', 'udf jar v1');
  await studio.plan();
  const planned = await studio.planRows();
  assert.equal(planned[1], 'create orders-job.jar waiting', planned.join('\n'));
  assert.equal(planned[2], 'create currency-udf.jar waiting', planned.join('\n'));
  await studio.tid('apply-apply').click();
  await until(() => studio.tid('apply-outcome').textContent(), (t) => /^Applied 11 step/.test(t ?? ''), 'the apply');
  const log = await cmf.admin('/__admin/log');
  const upload = log.findIndex((l) => l.startsWith('POST') && l.endsWith('/artifacts'));
  const user = log.findIndex((l) => l.startsWith('POST') && (l.endsWith('/applications') || l.endsWith('/statements')));
  assert.ok(upload >= 0 && upload < user, log.join('\n'));
  await studio.plan();
  assert.ok((await studio.planRows()).every((r) => r.startsWith('unchanged')), (await studio.planRows()).join('\n'));
  await studio.chooseArtifact('orders-job.jar', 'job jar v2');
  await studio.plan();
  const changed = (await studio.planRows()).filter((r) => !r.startsWith('unchanged'));
  assert.deepEqual(changed, ['update orders-job.jar waiting']);
  assert.deepEqual(cmf.violations(), []);
  assert.deepEqual(studio.errors, []);
});

test('a file kept in the design file survives a reload, applies without picking, and stays out of exports and links', async () => {
  // After the first test: CMF has orders-job.jar v1; "job jar v2" is chosen in this page.
  await studio.tab('apply');
  const field = studio.page.locator('[data-testid="artifact-file"][data-name="orders-job.jar"]');
  const before = await studio.saved();
  await field.getByTestId('artifact-attach').click();
  await until(() => field.getAttribute('data-attached'), (a) => a === 'true', 'the file kept in the design');
  await studio.savedAfter(before, 'the autosave with the file');

  // Exports never carry it; a share link leaves it out and says so.
  const encoded = Buffer.from('job jar v2').toString('base64');
  await studio.tab('export');
  await studio.tid('export-format').selectOption('cmf');
  await until(() => studio.tid('export-yaml').textContent(), (t) => /orders-job\.jar/.test(t ?? ''), 'the CMF export');
  assert.ok(!(await studio.tid('export-yaml').textContent()).includes(encoded), 'not in the CMF export');
  await studio.tid('export-format').selectOption('kubectl');
  await until(() => studio.tid('export-yaml').textContent(), (t) => /kind: /.test(t ?? ''), 'the kubectl export');
  assert.ok(!(await studio.tid('export-yaml').textContent()).includes(encoded), 'not in the kubectl export');
  await studio.tid('share').click();
  const said = await until(() => studio.tid('message').textContent(), (m) => /Share link/.test(m ?? ''), 'the share message');
  assert.match(said, /the files attached to Artifact\/orders-job\.jar were left out of the link/);

  // Reopened (the browser's storage keeps it), the design applies without picking the file.
  await studio.reload();
  await studio.tab('apply');
  const again = studio.page.locator('[data-testid="artifact-file"][data-name="orders-job.jar"]');
  await until(() => again.getByTestId('artifact-file-size').textContent(), (t) => /^kept in the design file \(10 bytes\)/.test(t ?? ''), 'the kept file after the reload');
  await studio.plan();
  const pending = (await studio.planRows()).filter((r) => !r.startsWith('unchanged'));
  assert.deepEqual(pending, ['update orders-job.jar waiting']);
  await studio.tid('apply-apply').click();
  await until(() => studio.tid('apply-outcome').textContent().catch(() => null), (t) => /^Applied 1 step/.test(t ?? ''), 'the apply');
  await studio.plan();
  assert.ok((await studio.planRows()).every((r) => r.startsWith('unchanged')), (await studio.planRows()).join('\n'));

  // Removing it from the design file is one undoable edit.
  await again.getByTestId('artifact-detach').click();
  await until(() => again.getAttribute('data-attached'), (a) => a === 'false', 'the file removed');
  assert.deepEqual(cmf.violations(), []);
  assert.deepEqual(studio.errors, []);
});

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

const rows = () =>
  studio.tid('plan-step').evaluateAll((trs) =>
    trs.map((tr) => `${tr.dataset.action} ${tr.dataset.name} ${tr.dataset.state}`),
  );

async function plan() {
  await until(() => studio.tid('apply-plan').isEnabled(), Boolean, 'the Plan button');
  await studio.tid('apply-plan').click();
  await until(() => studio.tid('apply-busy').textContent(), (t) => t === '', 'the plan to finish');
}

async function choose(name, text) {
  const input = studio.page.locator(`[data-testid="artifact-file"][data-name="${name}"] input[type=file]`);
  await input.setInputFiles({ name: `${name}`, mimeType: 'application/java-archive', buffer: Buffer.from(text) });
  const size = studio.page.locator(`[data-testid="artifact-file"][data-name="${name}"] [data-testid="artifact-file-size"]`);
  await until(() => size.textContent(), (t) => t === `${Buffer.byteLength(text)} bytes chosen`, `${name} read`);
}

test('artifacts are uploaded first, only once, and again when their file changes', async () => {
  await studio.open('cmf-artifacts');
  await studio.tab('apply');
  await studio.tid('apply-artifacts').waitFor();
  await choose('orders-job.jar', 'job jar v1');
  await choose('currency-udf.jar', 'udf jar v1');
  await plan();
  const planned = await rows();
  assert.equal(planned[1], 'create orders-job.jar waiting', planned.join('\n'));
  assert.equal(planned[2], 'create currency-udf.jar waiting', planned.join('\n'));
  await studio.tid('apply-apply').click();
  await until(() => studio.tid('apply-outcome').textContent(), (t) => /^Applied 11 step/.test(t ?? ''), 'the apply');
  const log = await cmf.admin('/__admin/log');
  const upload = log.findIndex((l) => l.startsWith('POST') && l.endsWith('/artifacts'));
  const user = log.findIndex((l) => l.startsWith('POST') && (l.endsWith('/applications') || l.endsWith('/statements')));
  assert.ok(upload >= 0 && upload < user, log.join('\n'));
  await plan();
  assert.ok((await rows()).every((r) => r.startsWith('unchanged')), (await rows()).join('\n'));
  await choose('orders-job.jar', 'job jar v2');
  await plan();
  const changed = (await rows()).filter((r) => !r.startsWith('unchanged'));
  assert.deepEqual(changed, ['update orders-job.jar waiting']);
  assert.deepEqual(cmf.violations(), []);
  assert.deepEqual(studio.errors, []);
});

// Change review: "Compare with baseline" marks added and changed nodes with their
// verdicts and lists what happens to every job, with the safe sequence.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { launch, Studio, until } from '../lib/studio.mjs';

let browser;
let studio;
before(async () => {
  browser = await launch();
  studio = await Studio.open(browser);
});
after(async () => browser?.close());

const card = (name) => studio.page.locator(`[data-testid="review-change"][data-name="${name}"]`);

test('a change scenario shows the verdict on the canvas and the safe sequence in the panel', async () => {
  await studio.tid('example-select').selectOption('ha-application-change');
  await studio.page.locator('[data-testid="review-panel"]').waitFor();
  await until(() => card('orders').getAttribute('data-state'), (s) => s === 'lost', 'the verdict of orders');
  assert.equal(await card('orders').getAttribute('data-action'), 'redeploy');
  assert.equal(await card('orders').getAttribute('data-change'), 'changed');
  const node = studio.node('FlinkDeployment/orders');
  assert.equal(await node.getAttribute('data-review'), 'changed');
  assert.equal(await node.getAttribute('data-verdict'), 'redeploy · lost');
  assert.ok(await node.evaluate((n) => n.classList.contains('review-changed')));
  assert.equal(await node.locator('[data-testid="review-badge"]').textContent(), 'redeploy · lost');
  // Unchanged resources are not marked.
  assert.equal(await studio.node('PersistentVolumeClaim/flink-data').getAttribute('data-review'), '');
  const rules = await card('orders').locator('[data-testid="review-finding"]').evaluateAll((fs) => fs.map((f) => f.dataset.rule));
  assert.deepEqual(rules, ['FKO-CHG-006']);
  const steps = await card('orders').locator('[data-testid="review-steps"]').textContent();
  assert.match(steps, /Keep job\.upgradeMode: last-state/);
  assert.match(steps, /kubectl -n 'flink' apply -f 'ha-application\.yaml'/);
  const summary = studio.tid('review-summary');
  assert.equal(await summary.getAttribute('data-at-risk'), '1');
  // The card selects its node.
  await card('orders').locator('.review-head .link').click();
  const selected = await studio.page.locator('[data-testid="node"].selected').evaluateAll((ns) => ns.map((n) => n.dataset.name));
  assert.deepEqual(selected, ['orders']);
  assert.deepEqual(studio.errors, []);
});

test('a refused change is marked refused', async () => {
  await studio.tid('example-select').selectOption('flink-sql-change');
  await until(() => card('big-orders').getAttribute('data-action'), (a) => a === 'reject', 'the rejected statement');
  assert.equal(await card('big-orders').getAttribute('data-state'), 'untouched');
  assert.equal(await studio.node('Statement/big-orders').getAttribute('data-verdict'), 'reject · untouched');
  assert.equal(await studio.tid('review-summary').getAttribute('data-refused'), '1');
});

// The ha-application template's deployment as `kubectl get -o yaml` prints it: running,
// with parallelism 2 (the template says 4).
const LIVE = `apiVersion: v1
kind: List
items:
- apiVersion: flink.apache.org/v1beta1
  kind: FlinkDeployment
  metadata:
    name: orders
    namespace: flink
    uid: 5b0c
    resourceVersion: "88"
  spec:
    image: flink:1.20
    flinkVersion: v1_20
    serviceAccount: flink
    flinkConfiguration:
      taskmanager.numberOfTaskSlots: "2"
      state.backend.type: rocksdb
      state.backend.incremental: "true"
      execution.checkpointing.interval: 30 s
      execution.checkpointing.dir: file:///flink-data/checkpoints
      execution.checkpointing.savepoint-dir: file:///flink-data/savepoints
      high-availability.type: kubernetes
      high-availability.storageDir: file:///flink-data/ha
    podTemplate:
      spec:
        containers:
        - name: flink-main-container
          volumeMounts:
          - name: flink-data
            mountPath: /flink-data
        volumes:
        - name: flink-data
          persistentVolumeClaim:
            claimName: flink-data
    jobManager:
      replicas: 1
      resource: {cpu: 1, memory: 2048m}
    taskManager:
      resource: {cpu: 2, memory: 4096m}
    job:
      jarURI: local:///opt/flink/examples/streaming/StateMachineExample.jar
      parallelism: 2
      upgradeMode: last-state
  status:
    lifecycleState: STABLE
    jobStatus: {state: RUNNING}
`;

test('Compare with baseline reads kubectl output and marks added and changed nodes', async () => {
  await studio.tid('example-select').selectOption('ha-application');
  await until(() => studio.nodeNames(), (n) => n.includes('orders') && n.includes('flink-data'), 'the template');
  await studio.tab('review');
  await studio.tid('review-empty').waitFor();
  await studio.tid('baseline-input').setInputFiles([
    { name: 'live.yaml', mimeType: 'text/yaml', buffer: Buffer.from(LIVE) },
  ]);
  await until(() => card('orders').getAttribute('data-state'), (s) => s === 'last-checkpoint', 'the verdict of orders');
  assert.equal(await card('orders').getAttribute('data-action'), 'redeploy');
  const text = await card('orders').textContent();
  assert.match(text, /through the kept HA metadata/);
  assert.match(text, /the baseline's status says RUNNING/);
  assert.equal(await studio.node('FlinkDeployment/orders').getAttribute('data-verdict'), 'redeploy · last-checkpoint');
  // Everything the live output does not have is added.
  assert.equal(await studio.node('PersistentVolumeClaim/flink-data').getAttribute('data-review'), 'added');
  assert.match(await studio.tid('review-baseline').textContent(), /live\.yaml/);
  // An edit re-reviews: going back to parallelism 2 leaves nothing changed on orders.
  await studio.clickNode('orders');
  await studio.setField('/spec/job/parallelism', '2');
  await studio.tab('review');
  await until(() => card('orders').count(), (n) => n === 0, 'orders no longer changed');
  assert.equal(await studio.node('FlinkDeployment/orders').getAttribute('data-review'), '');
  await studio.tid('baseline-clear').click();
  await studio.tid('review-empty').waitFor();
  assert.equal(await studio.node('PersistentVolumeClaim/flink-data').getAttribute('data-review'), '');
  assert.deepEqual(studio.errors, []);
});

test('the Flink pre-flight lists renamed keys and rewrites them in one undoable step', async () => {
  await studio.open('ha-application');
  await studio.tab('review');
  await studio.tid('preflight-flink').selectOption('2.0');
  const row = studio.page.locator('[data-testid="preflight-key"][data-key="state.backend.incremental"]');
  await row.waitFor();
  assert.match(await row.textContent(), /renamed.*execution\.checkpointing\.incremental/);
  const appeared = await studio.tid('preflight-appeared').locator('li').evaluateAll((ls) => ls.map((l) => l.dataset.rule));
  assert.ok(appeared.includes('IMG-001'), `the image no longer matches: ${appeared}`);
  await studio.tid('preflight-rewrite').click();
  await until(() => row.count(), (n) => n === 0, 'the key rewritten');
  // The shortcut is ignored while a select has the focus: click the canvas first.
  await studio.page.locator('[data-testid="canvas"]').click({ position: { x: 5, y: 300 } });
  await studio.page.keyboard.press('Control+z');
  await until(() => row.count(), (n) => n === 1, 'one undo brings the key back');
  assert.deepEqual(studio.errors, []);
});

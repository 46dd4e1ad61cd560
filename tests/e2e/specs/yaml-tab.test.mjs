// The inspector's YAML tab: an edit followed at once by leaving the tab is applied, and
// the pending debounce never fires into a removed editor (it used to kill the app).
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

test('typing in the YAML tab and leaving it at once applies the edit and keeps the app alive', async () => {
  await studio.tid('example-select').selectOption('session-cluster');
  await until(() => studio.nodeNames(), (n) => n.includes('session-cluster'), 'the template');
  await studio.tab('inspector');
  await studio.clickNode('session-cluster');
  await studio.tid('inspector-tab-yaml').click();
  const editor = studio.tid('yaml-editor');
  const text = await editor.inputValue();
  assert.match(text, /taskmanager\.numberOfTaskSlots/);
  await editor.fill(text.replace(/taskmanager\.numberOfTaskSlots: ['"]?(\d+)['"]?/, "taskmanager.numberOfTaskSlots: '7'"));
  // Leave the tab well inside the 300 ms debounce: the blur applies, the timer is cancelled.
  await studio.tid('inspector-tab-form').click();
  await studio.page.waitForTimeout(600);
  await studio.tid('inspector-tab-yaml').click();
  assert.match(await studio.tid('yaml-editor').inputValue(), /taskmanager\.numberOfTaskSlots: ['"]?7['"]?/);
  // The app still answers: undo brings the old value back.
  await studio.tid('undo').click();
  await until(() => studio.tid('yaml-editor').inputValue(), (t) => !/numberOfTaskSlots: ['"]?7['"]?/.test(t), 'the undo');
  assert.deepEqual(studio.errors, []);
});

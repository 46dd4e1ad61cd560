// The README's pictures, made from the templates so they never go stale: the studio at
// 1440×900 on the Confluent Platform template (fitted, a job selected, its effective
// configuration shown) and that template's exported diagram (PNG 1×, as "Diagram → PNG"
// writes it), into docs/screenshots/. Needs the release build (trunk build --release) and
// the e2e packages (scripts/setup.sh all):  node scripts/screenshots.mjs
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The browser driver and the static server are the e2e suite's.
const { chromium } = createRequire(join(root, 'tests/e2e/package.json'))('playwright-core');
const { serve } = await import(join(root, 'tests/e2e/lib/server.mjs'));
const { CHROMIUM } = await import(join(root, 'tests/e2e/lib/studio.mjs'));

const OUT = join(root, 'docs/screenshots');
const TEMPLATE = 'confluent-platform';
mkdirSync(OUT, { recursive: true });

const server = await serve(join(root, 'dist'));
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  const page = await context.newPage();
  const tid = (id) => page.locator(`[data-testid="${id}"]`);
  await page.goto(server.url);
  await tid('app').waitFor();
  await tid('example-select').selectOption(TEMPLATE);
  await page.locator('[data-testid="node"]').first().waitFor();
  await tid('fit').click();
  // A job selected, its effective configuration in the side column.
  const job = page.locator('[data-testid="node"][data-kind="FlinkApplication"]').first();
  await job.waitFor();
  await new Promise((r) => setTimeout(r, 300));
  const box = await job.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await tid('tab-config').click();
  await page.locator('[data-testid="config"]').first().waitFor();
  await page.mouse.move(1, 1);
  await new Promise((r) => setTimeout(r, 500));
  await page.screenshot({ path: join(OUT, 'studio.png') });
  // The exported diagram of the whole design, every layer.
  await tid('tab-export').click();
  const [png] = await Promise.all([page.waitForEvent('download'), tid('export-png').click()]);
  copyFileSync(await png.path(), join(OUT, 'diagram.png'));
  console.log(`wrote ${join(OUT, 'studio.png')} and ${join(OUT, 'diagram.png')} (${TEMPLATE})`);
} finally {
  await browser.close();
  await server.close();
}

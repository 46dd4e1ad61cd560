// Browser set-up and a page object for the studio (data-testid selectors only).
import { strict as assert } from 'node:assert';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Where the studio is served (run.mjs sets E2E_BASE_URL to its own server). */
export const baseUrl = () => process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080/';

/** Launches headless Chromium; Playwright gives every launch a fresh temporary profile. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Polls `read` until `ok(value)` holds; returns the value or fails with `what`. */
export async function until(read, ok, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let value;
  while (Date.now() < end) {
    value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
}

/** The studio in one browser page. */
export class Studio {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      this.errors.push(`dialog: ${d.message()}`);
      d.dismiss();
    });
  }

  /** A new page at 1280x720 in a fresh context (empty localStorage). */
  static async open(browser, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...options });
    const studio = new Studio(await context.newPage());
    await studio.page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await studio.goto();
    return studio;
  }

  tid(id) {
    return this.page.locator(`[data-testid="${id}"]`);
  }

  async goto() {
    await this.page.goto(baseUrl());
    await this.ready();
  }

  async reload() {
    await this.page.reload();
    await this.ready();
  }

  async ready() {
    await this.tid('canvas').waitFor();
    await this.page.locator('[data-testid="status"][data-state="checked"]').waitFor();
  }

  async validations() {
    return Number(await this.tid('status').getAttribute('data-validations'));
  }

  /**
   * Waits until a validation result newer than `before` (a `validations()` count) has
   * arrived and the findings shown are those of the current design (validation runs in
   * a worker; an answer to an older request may come first).
   */
  async validated(before, what) {
    await until(() => this.validations(), (n) => n > before, what);
    await this.page.locator('[data-testid="status"][data-state="checked"]').waitFor();
  }

  /** Number of resources in the design. */
  async resources() {
    return Number(await this.tid('status').getAttribute('data-resources'));
  }

  /** The node of the resource named `name` on the canvas. */
  node(name) {
    const [kind, bare] = name.includes('/') ? name.split('/') : [null, name];
    const k = kind ? `[data-kind="${kind}"]` : '';
    return this.page.locator(`[data-testid="node"][data-name="${bare}"]${k}`);
  }

  /** Names of the nodes drawn. */
  async nodeNames() {
    return this.page.locator('[data-testid="node"]').evaluateAll((ns) => ns.map((n) => n.dataset.name));
  }

  /** Centre of a node's shape, in page pixels. */
  async centre(name) {
    const box = await this.node(name).locator('.node-shape').boundingBox();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Clicks a node (with optional modifiers, e.g. ['Shift']). */
  async clickNode(name, modifiers = []) {
    const c = await this.centre(name);
    for (const m of modifiers) await this.page.keyboard.down(m);
    await this.page.mouse.click(c.x, c.y);
    for (const m of modifiers) await this.page.keyboard.up(m);
  }

  /** Drags a node by (dx, dy) page pixels. */
  async dragNode(name, dx, dy) {
    const c = await this.centre(name);
    await this.page.mouse.move(c.x, c.y);
    await this.page.mouse.down();
    await this.page.mouse.move(c.x + dx / 2, c.y + dy / 2, { steps: 4 });
    await this.page.mouse.move(c.x + dx, c.y + dy, { steps: 4 });
    await this.page.mouse.up();
  }

  /** Drags from the port of `from` onto the node `to`. */
  async connect(from, to) {
    await this.clickNode(from);
    const port = await this.node(from).locator('[data-testid="port"]').boundingBox();
    const target = await this.centre(to);
    await this.page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x, target.y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Selects and loads a template, example or broken variant by id. */
  async open(id) {
    const before = await this.validations();
    await this.tid('example-select').selectOption(id);
    await this.validated(before, `validation of ${id}`);
  }

  /** Adds a palette entry (by id). */
  async add(entry) {
    const count = await this.resources();
    await this.tid('palette-open').click();
    await this.page.locator(`[data-testid="palette-item"][data-entry="${entry}"]`).click();
    await until(() => this.resources(), (n) => n === count + 1, `the added ${entry}`);
  }

  /** Sets a field of the selected resource in the inspector form (by JSON Pointer). */
  async setField(pointer, value) {
    await this.tab('inspector');
    const before = await this.validations();
    const input = this.page.locator(`[data-testid="form"] [data-pointer="${pointer}"]`);
    if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
    else {
      await input.fill(String(value));
      await input.press('Enter');
      await input.evaluate((e) => e.blur());
    }
    await this.validated(before, `validation after setting ${pointer}`);
  }

  async tab(name) {
    await this.tid(`tab-${name}`).click();
  }

  /** Findings of `rule` as { location, message, pointer, resource, hint } objects. */
  async findings(rule) {
    await this.tab('findings');
    return this.page.locator(`[data-testid="finding"][data-rule="${rule}"]`).evaluateAll((items) =>
      items.map((li) => {
        const text = (id) => li.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
        return {
          severity: li.dataset.severity,
          location: text('finding-location'),
          message: text('finding-message'),
          pointer: text('finding-pointer'),
          resource: text('finding-resource'),
          hint: text('finding-hint'),
        };
      }),
    );
  }

  /** The save revision the storage last confirmed ('' before the first save). */
  async saved() {
    return this.tid('status').getAttribute('data-saved');
  }

  /** Waits until a save newer than `before` (a `saved()` value) is stored. */
  async savedAfter(before, what = 'the autosave', timeout = 10_000) {
    return until(() => this.saved(), (s) => s !== '' && s !== before, what, timeout);
  }

  /**
   * What the browser stores for the page: the IndexedDB autosave record (or null) and
   * every localStorage and sessionStorage entry, read from the page itself.
   */
  async stored() {
    return this.page.evaluate(storedInPage);
  }

  /** The Apply tab's plan as "action name state" rows. */
  planRows() {
    return this.tid('plan-step').evaluateAll((trs) =>
      trs.map((tr) => `${tr.dataset.action} ${tr.dataset.name} ${tr.dataset.state}`),
    );
  }

  /** Clicks the Apply tab's Plan button and waits until the plan is shown. */
  async plan() {
    await until(() => this.tid('apply-plan').isEnabled(), Boolean, 'the Plan button');
    await this.tid('apply-plan').click();
    await until(() => this.tid('apply-busy').textContent(), (t) => t === '', 'the plan to finish');
  }

  /** Picks the file of artifact `name` on the Apply tab (`content`: a Buffer or text). */
  async chooseArtifact(name, content) {
    const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const field = this.page.locator(`[data-testid="artifact-file"][data-name="${name}"]`);
    await field.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/java-archive', buffer });
    const size = () => field.getByTestId('artifact-file-size').textContent();
    await until(size, (t) => t === `${buffer.length} bytes chosen`, `${name} read`);
  }

  async cspViolations() {
    return this.page.evaluate(() => window.__csp);
  }
}

/** Runs in the page: reads the autosave record the way the studio writes it. */
async function storedInPage() {
  const idb = await new Promise((resolve, reject) => {
    // Same name, version and store as src/ui/storage.rs, so reading never gets in its way.
    const open = indexedDB.open('flink-studio', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('designs');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('designs').objectStore('designs').get('autosave');
      get.onsuccess = () => {
        db.close();
        resolve(get.result ?? null);
      };
      get.onerror = () => reject(get.error);
    };
  });
  return { idb, local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) };
}

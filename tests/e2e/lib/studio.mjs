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
    await this.tid('editor').waitFor();
    await this.page.locator('[data-testid="status"][data-state="checked"]').waitFor();
  }

  async validations() {
    return Number(await this.tid('status').getAttribute('data-validations'));
  }

  /** Replaces the open file's text (one input event) and waits for validation. */
  async setText(text) {
    const before = await this.validations();
    await this.tid('editor').fill(text);
    await until(() => this.validations(), (n) => n > before, 'validation after an edit');
  }

  async newFile() {
    const tabs = await this.tid('file-tab').count();
    await this.tid('file-new').click();
    await until(() => this.tid('file-tab').count(), (n) => n === tabs + 1, 'a new file tab');
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

  async cspViolations() {
    return this.page.evaluate(() => window.__csp);
  }
}

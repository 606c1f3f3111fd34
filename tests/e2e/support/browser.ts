import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const screenshotDir = path.join(root, 'test-results', 'screenshots');

export const tabletLandscape = { width: 1024, height: 768 };
export const tabletPortrait = { width: 768, height: 1024 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What a page reported that must never happen: a Content-Security-Policy refusal or an uncaught error. */
const problemsByPage = new WeakMap<Page, string[]>();

export async function newContext(browser: Browser, viewport = tabletLandscape): Promise<BrowserContext> {
  // The browser's own language is left as it is (English here): Relais must still start in French.
  return browser.newContext({ viewport, timezoneId: 'Europe/Paris' });
}

export async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const problems: string[] = [];
  problemsByPage.set(page, problems);
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return page;
}

/** No CSP violation and no uncaught error so far on this page. */
export function expectNoPageProblems(page: Page): void {
  expect(problemsByPage.get(page) ?? []).toEqual([]);
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now; any violation fails the test with its details. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Let transitions (modals, notices) settle so axe sees the final colours.
  await page.waitForTimeout(350);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`);
  expect(summary, `accessibility violations on ${label}`).toEqual([]);
  expectNoPageProblems(page);
}

/** Saves a full-page screenshot under test-results/screenshots (gitignored), named by page and size. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const size = page.viewportSize();
  const suffix = size ? `-${size.width}x${size.height}` : '';
  await page.waitForTimeout(350);
  await page.screenshot({ path: path.join(screenshotDir, `${name}${suffix}.png`), fullPage: true });
}

/** Waits until the page's heading (h1) has this text: the page has loaded what it needs to show. */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ state: 'visible' });
}

/** Matches a field's label exactly, with or without the "required" asterisk Mantine adds to it. */
export function label(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`);
}

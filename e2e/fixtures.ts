/**
 * Shared e2e fixtures: the browser (system Chromium when the test script found one, WebGPU
 * on or off), a console-error collector and a guard that no request leaves the page's origin.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, chromium, type Browser, type Page } from '@playwright/test';
import type { DebugRequest, DebugResult } from '../src/worker/protocol';

const QUIET_FLAGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch(webgpu: boolean): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || undefined,
    args: [
      ...QUIET_FLAGS,
      ...(webgpu ? ['--enable-unsafe-webgpu'] : ['--disable-features=WebGPU']),
    ],
  });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  foreignRequests: string[];
}

export const test = base.extend<
  { webgpu: boolean; watched: Watched },
  { sharedBrowsers: Map<boolean, Browser> }
>({
  webgpu: [false, { option: true }],
  sharedBrowsers: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browsers = new Map<boolean, Browser>();
      await use(browsers);
      for (const b of browsers.values()) await b.close();
    },
    { scope: 'worker' },
  ],
  watched: async ({ webgpu, sharedBrowsers, baseURL }, use) => {
    if (!sharedBrowsers.has(webgpu)) sharedBrowsers.set(webgpu, await launch(webgpu));
    const context = await sharedBrowsers.get(webgpu)!.newContext({ baseURL });
    const page = await context.newPage();
    const origin = new URL(baseURL!).origin;
    const watched: Watched = { page, consoleErrors: [], foreignRequests: [] };
    page.on('console', (m) => m.type() === 'error' && watched.consoleErrors.push(m.text()));
    page.on('pageerror', (e) => watched.consoleErrors.push(e.message));
    context.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        watched.foreignRequests.push(url);
      }
    });
    await use(watched);
    await context.close();
  },
});

/** Waits until the worker reports ready and returns the active backend id. */
export async function activeBackend(page: Page): Promise<string> {
  const badge = page.getByTestId('backend');
  await expect(badge).not.toHaveAttribute('data-backend', '', { timeout: 90_000 });
  return (await badge.getAttribute('data-backend')) ?? '';
}

/** Sends a worker debug hook (the page was opened with `?debug`) and returns its answer. */
export function workerDebug(page: Page, request: DebugRequest): Promise<DebugResult> {
  return page.evaluate(
    (r) =>
      (
        window as unknown as { __playgroundDebug(r: DebugRequest): Promise<DebugResult> }
      ).__playgroundDebug(r),
    request,
  );
}

/**
 * axe-core's serious or critical WCAG 2.1 A/AA violations on the page as it is, each as
 * `label: rule ×nodes (first target)`; an empty list passes.
 */
export async function seriousViolations(page: Page, label = ''): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${label ? `${label}: ` : ''}${v.id} ×${v.nodes.length} (${v.nodes[0]?.target.join(' ')})`,
    );
}

export { expect };

/** No NaN or Infinity on screen outside the messages that explain it. */
export async function expectNoUnexplainedNaN(page: Page) {
  const unexplained = await page.evaluate(() =>
    [...document.querySelectorAll('main, header')].flatMap((region) => {
      const copy = region.cloneNode(true) as Element;
      copy.querySelectorAll('[role="alert"], .control-error').forEach((e) => e.remove());
      return copy.textContent?.match(/\bNaN\b|Infinity/g) ?? [];
    }),
  );
  expect(unexplained).toEqual([]);
}

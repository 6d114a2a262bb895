// The bench's browser side: builds the app into a temporary folder (outside the repository, so
// linters never see it), serves it with vite preview on 127.0.0.1, and launches the system
// Chromium (as the e2e tests do) with WebGPU enabled.
import { execSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { provisionChromium } from '../browser.mjs';

/** BENCH_DIST lets several checkouts bench side by side without rebuilding each other's app. */
export const DIST = process.env.BENCH_DIST ?? join(tmpdir(), 'diffusion-playground-bench', 'dist');
const VITE = 'node_modules/vite/bin/vite.js';

export function buildApp() {
  execSync(`node ${VITE} build --logLevel warn --outDir ${DIST} --emptyOutDir`, {
    stdio: 'inherit',
  });
}

/** Starts vite preview on `port`; resolves with the base URL and a stop function. */
export async function serve(port) {
  const server = spawn(
    process.execPath,
    [
      VITE,
      'preview',
      '--outDir',
      DIST,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (port ${port} in use?)`);
    try {
      if ((await fetch(url)).ok) return { url, stop: () => server.kill('SIGTERM') };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill('SIGTERM');
  throw new Error('vite preview did not start within 60 s');
}

export async function launchBrowser() {
  const executablePath = provisionChromium();
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--enable-unsafe-webgpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, version: browser.version(), executablePath: executablePath ?? 'playwright' };
}

/** Waits for the worker to be ready; returns the active backend and the badge's adapter text. */
export async function readyBackend(page, timeout = 180_000) {
  const badge = page.getByTestId('backend');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="backend"]')?.getAttribute('data-backend'),
    null,
    { timeout, polling: 200 },
  );
  return {
    id: await badge.getAttribute('data-backend'),
    label: (await badge.textContent()) ?? '',
    notice: (await badge.getAttribute('title')) ?? '',
  };
}

export function median(values) {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, min and max of a list of numbers. */
export function summary(values) {
  const s = values.filter((v) => Number.isFinite(v));
  return {
    median: median(s),
    min: s.length ? Math.min(...s) : null,
    max: s.length ? Math.max(...s) : null,
    runs: s.length,
  };
}

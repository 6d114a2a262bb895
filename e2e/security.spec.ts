/**
 * Security: the Content-Security-Policy is in force on the page and on the
 * worker, and no request leaves the page's origin while the app loads a model and runs (every
 * e2e test also checks this through the `watched` fixture; a11y.spec.ts visits every view).
 */
import { activeBackend, expect, test } from './fixtures';

test('a Content-Security-Policy without eval or inline scripts is in force, and tfjs still runs under it', async ({
  watched,
}) => {
  const { page } = watched;
  const requests: string[] = [];
  page.context().on('request', (r) => requests.push(r.url()));
  const workerScript = page.waitForResponse(/\/assets\/worker-[^/]*\.js$/);
  await page.goto('./#backend=wasm&dataset=moons&model=mlp&n=200&steps=8');
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  // Workers take their policy from the response that served their script.
  expect((await workerScript).headers()['content-security-policy']).toBe(policy);

  // tfjs-wasm compiled its module and ran the network under the policy.
  expect(await activeBackend(page)).toBe('wasm');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('notices')).toHaveCount(0);

  const verdict = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(e.effectiveDirective),
    );
    // Code evaluated through DevTools is exempt from the policy; a string timer is compiled
    // later by the page itself, so it meets the policy as any eval would.
    (setTimeout as (code: string, ms: number) => number)('window.timerRan = true', 0);
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
    const onclick = document.createElement('button');
    onclick.setAttribute('onclick', 'window.handlerRan = true');
    document.body.append(onclick);
    onclick.click();
    const fetched = await fetch('https://example.com/').then(
      () => 'fetched',
      (e: Error) => e.name,
    );
    await new Promise((r) => setTimeout(r, 100));
    const w = window as unknown as {
      timerRan?: boolean;
      inlineRan?: boolean;
      handlerRan?: boolean;
    };
    return {
      timerRan: w.timerRan ?? false,
      inlineRan: w.inlineRan ?? false,
      handlerRan: w.handlerRan ?? false,
      fetched,
      violations: [...new Set(violations)].sort(),
    };
  });
  expect(verdict).toEqual({
    timerRan: false,
    inlineRan: false,
    handlerRan: false,
    fetched: 'TypeError',
    violations: ['connect-src', 'script-src', 'script-src-attr', 'script-src-elem'],
  });
  // Nothing left the origin: not the models, the wasm, the fonts, nor the blocked fetch.
  const origin = new URL(page.url()).origin;
  expect(requests.some((u) => u.endsWith('/models/manifest.json'))).toBe(true);
  expect(requests.some((u) => /\.wasm$/.test(u))).toBe(true);
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
});

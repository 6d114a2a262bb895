import { selfTestReference } from '../src/worker/thread/selftest';
import { activeBackend, expect, test, type Watched } from './fixtures';

async function selfTest({ page }: Watched): Promise<number[]> {
  // The self-test lives in the collapsed Diagnostics section.
  await page.getByText('Diagnostics', { exact: true }).click();
  await page.getByTestId('selftest-run').click();
  const out = page.getByTestId('selftest-result');
  await expect(out).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
  return JSON.parse((await out.getAttribute('data-values')) ?? '[]') as number[];
}

function expectClose(actual: number[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-5));
}

function expectClean(w: Watched) {
  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
}

test.describe('with WebGPU enabled', () => {
  test.use({ webgpu: true });

  test('forcing webgpu runs the self-test in the worker and matches Node', async ({ watched }) => {
    await watched.page.goto('./#backend=webgpu');
    expect(await activeBackend(watched.page)).toBe('webgpu');
    await expect(watched.page.getByTestId('backend')).toContainText(/WebGPU/);
    expectClose(await selfTest(watched), selfTestReference());
    expectClean(watched);
  });
});

test.describe('without WebGPU', () => {
  test('auto falls back to a probed backend and says why', async ({ watched }) => {
    await watched.page.goto('./');
    expect(['webgl', 'wasm', 'cpu']).toContain(await activeBackend(watched.page));
    await expect(watched.page.getByTestId('fallback-notice')).toContainText(/WebGPU/);
    expectClean(watched);
  });

  for (const id of ['webgl', 'wasm', 'cpu'] as const) {
    test(`${id} can be forced from the URL and computes the same values`, async ({ watched }) => {
      await watched.page.goto(`./#backend=${id}`);
      expect(await activeBackend(watched.page)).toBe(id);
      expectClose(await selfTest(watched), selfTestReference());
      expectClean(watched);
    });
  }

  test('the backend picker changes the URL and restarts on the new backend', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto('./#backend=cpu');
    expect(await activeBackend(page)).toBe('cpu');
    await page.getByLabel('Compute backend').selectOption('wasm');
    await expect(page).toHaveURL(/#backend=wasm$/);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm', {
      timeout: 60_000,
    });
    expectClean(watched);
  });

  test('a bad backend in the URL is reported and replaced by auto', async ({ watched }) => {
    const { page } = watched;
    await page.goto('./#backend=quantum');
    await expect(page.getByTestId('notices')).toContainText('backend="quantum" is not one of');
    expect(['webgl', 'wasm', 'cpu']).toContain(await activeBackend(page));
  });
});

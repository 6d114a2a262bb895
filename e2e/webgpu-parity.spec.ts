/**
 * WebGPU correctness: every shipped image model, run on its stored test vector in the
 * worker, agrees between WebGPU and WASM within 1e-4 relative (max |webgpu − wasm| over the
 * largest |wasm|). Headless Chromium's WebGPU is SwiftShader (~100× slower than WASM here), so
 * the check uses the smallest batch: the vector's first item.
 */
import type { Page } from '@playwright/test';
import type { DebugResult } from '../src/worker/protocol';
import { activeBackend, expect, test, workerDebug } from './fixtures';

const IMAGE_MODELS = ['digits', 'digits-fm', 'fashion'];
const REL_TOL = 1e-4;

async function outputsOn(page: Page, backend: 'webgpu' | 'wasm') {
  await page.goto(`./?debug#backend=${backend}`);
  expect(await activeBackend(page)).toBe(backend);
  const out: Record<string, DebugResult> = {};
  for (const model of IMAGE_MODELS) {
    out[model] = await workerDebug(page, { action: 'unet-vector', model, batch: 1 });
    expect(out[model].backend).toBe(backend);
  }
  return out;
}

function relativeError(a: number[], b: number[]): number {
  expect(a).toHaveLength(b.length);
  let diff = 0;
  let scale = 0;
  a.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(v - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  });
  return diff / scale;
}

test.describe('with WebGPU enabled', () => {
  test.use({ webgpu: true });
  test.setTimeout(300_000);

  test('the shipped image models agree on WebGPU and WASM within 1e-4 relative (batch 1)', async ({
    watched,
  }) => {
    const gpu = await outputsOn(watched.page, 'webgpu');
    const wasmPage = await watched.page.context().newPage();
    const wasm = await outputsOn(wasmPage, 'wasm');
    for (const model of IMAGE_MODELS) {
      const rel = relativeError(gpu[model].values!, wasm[model].values!);
      const vsTorch = relativeError(wasm[model].values!, wasm[model].expected!);
      console.log(
        `${model}: |webgpu − wasm| / max|wasm| = ${rel.toExponential(2)}; wasm vs PyTorch ${vsTorch.toExponential(2)}`,
      );
      expect(rel, model).toBeLessThan(REL_TOL);
    }
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});

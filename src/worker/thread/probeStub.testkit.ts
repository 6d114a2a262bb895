import type { BackendId } from '../protocol';

/**
 * Stubbed probe timings (ms per evaluation) for the per-size tests, unit and e2e: WebGPU wins the
 * MLP at 1k points and the UNet at batch 64, WASM the other sizes.
 */
export const STUB_TIMINGS: Record<string, Partial<Record<BackendId, number>>> = {
  'mlp:1000': { webgpu: 1, wasm: 5 },
  'mlp:10000': { webgpu: 50, wasm: 10 },
  'mlp:100000': { webgpu: 500, wasm: 100 },
  'unet:1': { webgpu: 9, wasm: 3 },
  'unet:16': { webgpu: 40, wasm: 30 },
  'unet:64': { webgpu: 60, wasm: 120 },
};

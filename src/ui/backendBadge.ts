import type { BackendInfo, JobBackend, SizeChoice } from '../worker/protocol';
import { runWasmThreads, SATURATED_FRAME_MS } from '../state/drawBudget';

export const BACKEND_LABELS: Record<string, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

const ms = (v: number | undefined) =>
  v === undefined ? '–' : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;

/** One probed size: "MLP at 1,000 points: webgpu 1.00 ms, wasm 5.00 ms → WebGPU". */
export function sizeLine(c: SizeChoice): string {
  const what =
    c.job.kind === 'mlp'
      ? `MLP at ${c.job.size.toLocaleString('en-US')} points`
      : `UNet at batch ${c.job.size}`;
  const times = Object.entries(c.ms)
    .map(([id, v]) => `${id} ${ms(v)}`)
    .join(', ');
  return `${what}: ${times} → ${BACKEND_LABELS[c.id]}`;
}

/** The badge's text: the worker's backend, and the latest run's where the per-size choice differs. */
export function badgeText(backend: BackendInfo, job: JobBackend | null): string {
  const base = `${BACKEND_LABELS[backend.id]} · ${backend.adapter}`;
  return job && job.id !== backend.id ? `${base} · this run: ${BACKEND_LABELS[job.id]}` : base;
}

/** The badge's title: why this backend, the per-size table with its timings, the latest run's choice. */
export function badgeTitle(backend: BackendInfo, job: JobBackend | null, cores = 0): string {
  const lines = [backend.notice ?? ''];
  const threads = runWasmThreads({ backend, jobBackend: job });
  if (threads !== null && cores >= 1 && threads >= cores) {
    const advice = cores >= 2 ? ` (threads=${cores - 1} leaves a core to the page)` : '';
    lines.push(
      `${threads === 1 ? 'Its one thread takes' : `Its ${threads} threads take`} every core (${cores}): while a run computes, playback moves on ${1000 / SATURATED_FRAME_MS} times a second${advice}.`,
    );
  }
  if (backend.probe) lines.push(`Per job size (${backend.probe}):`);
  for (const c of backend.perSize ?? []) lines.push(`  ${sizeLine(c)}`);
  if (job) lines.push(`This run: ${job.reason}`);
  return lines.filter(Boolean).join('\n');
}

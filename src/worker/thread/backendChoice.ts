/**
 * The auto backend's choice per job size, as pure logic (no tfjs): on a hardware WebGPU adapter
 * a bounded probe times WebGPU against the fastest CPU-side backend on the job sizes the app
 * runs, the result is cached per adapter and app version, and each job runs on the backend that
 * was faster at the probed size nearest its own. A forced backend overrides all of it; a probe
 * that fails or runs out of time leaves the sizes it did not measure on the fallback backend.
 *
 * The measuring itself (tfjs) and the cache's storage are passed in, so this module is tested
 * with stubbed timings (backendChoice.test.ts).
 */
import {
  PROBE_CACHE_PREFIX,
  type BackendId,
  type BackendRequest,
  type JobSize,
  type SizeChoice,
} from '../protocol';

export type { JobSize };

/** The sizes the app runs: the 2D MLP at 1k/10k/100k points, an image UNet at batch 1/16/64. */
export const PROBE_SIZES: readonly JobSize[] = [
  { kind: 'mlp', size: 1_000 },
  { kind: 'mlp', size: 10_000 },
  { kind: 'mlp', size: 100_000 },
  { kind: 'unet', size: 1 },
  { kind: 'unet', size: 16 },
  { kind: 'unet', size: 64 },
];

/** Start-up budget of the whole probe (all sizes, both backends), and of one measurement. */
export const PROBE_BUDGET_MS = 6_000;
export const MEASURE_TIMEOUT_MS = 2_000;

/** Bump when the probe's workload or the record's shape changes: older records are ignored. */
export const PROBE_FORMAT = 1;

export interface SizeTiming {
  job: JobSize;
  /** Median ms per evaluation, per backend measured at this size. */
  ms: Partial<Record<BackendId, number>>;
}

export interface ProbeRecord {
  format: number;
  adapter: string;
  appVersion: string;
  /** The CPU-side backend WebGPU was timed against. */
  rival: BackendId;
  timings: SizeTiming[];
  /** Why the probe stopped early, when it did (a timeout, an error). */
  incomplete?: string;
}

/** Where a probe record is kept: the page's localStorage, passed to the worker as a string. */
export interface ProbeCache {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function cacheKey(adapter: string, appVersion: string): string {
  return `${PROBE_CACHE_PREFIX}v${PROBE_FORMAT}:${appVersion}:${adapter}`;
}

/** The cached record for this adapter and app version, or null (absent, stale or unreadable). */
export function readCached(
  cache: ProbeCache,
  adapter: string,
  appVersion: string,
): ProbeRecord | null {
  try {
    const raw = cache.get(cacheKey(adapter, appVersion));
    if (!raw) return null;
    const rec = JSON.parse(raw) as ProbeRecord;
    const ok =
      rec.format === PROBE_FORMAT &&
      rec.adapter === adapter &&
      rec.appVersion === appVersion &&
      Array.isArray(rec.timings);
    return ok ? rec : null;
  } catch {
    return null;
  }
}

export type Measure = (backend: BackendId, job: JobSize) => Promise<number>;

export interface ProbeOptions {
  budgetMs?: number;
  measureTimeoutMs?: number;
  now?: () => number;
  sizes?: readonly JobSize[];
}

class Timeout extends Error {}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`${what} took over ${Math.round(ms)} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/**
 * Times `webgpu` and `rival` at each size, smallest first, within the budget. A measurement
 * that throws or times out ends the probe (a backend that failed once is not trusted for larger
 * sizes); sizes left unmeasured are recorded as such and fall back.
 */
export async function runProbe(
  measure: Measure,
  adapter: string,
  appVersion: string,
  rival: BackendId,
  opts: ProbeOptions = {},
): Promise<ProbeRecord> {
  const now = opts.now ?? (() => performance.now());
  const budget = opts.budgetMs ?? PROBE_BUDGET_MS;
  const perMeasure = opts.measureTimeoutMs ?? MEASURE_TIMEOUT_MS;
  const start = now();
  const rec: ProbeRecord = { format: PROBE_FORMAT, adapter, appVersion, rival, timings: [] };
  const sizes = [...(opts.sizes ?? PROBE_SIZES)].sort((a, b) => a.size - b.size);
  outer: for (const job of sizes) {
    const ms: SizeTiming['ms'] = {};
    for (const backend of ['webgpu', rival] as const) {
      const left = budget - (now() - start);
      if (left <= 0) {
        rec.incomplete = `the probe's ${budget} ms start-up budget ran out before ${label(job)}`;
        break outer;
      }
      try {
        ms[backend] = await within(
          measure(backend, job),
          Math.min(left, perMeasure),
          `${backend} at ${label(job)}`,
        );
      } catch (e) {
        rec.incomplete =
          e instanceof Timeout
            ? `the probe timed out (${e.message})`
            : `the probe failed (${backend} at ${label(job)}: ${(e as Error).message})`;
        break outer;
      }
    }
    rec.timings.push({ job, ms });
  }
  return rec;
}

/** The cached record when there is one; otherwise a fresh probe, stored when it measured anything. */
export async function probeOrCached(
  cache: ProbeCache,
  measure: Measure,
  adapter: string,
  appVersion: string,
  rival: BackendId,
  opts: ProbeOptions = {},
): Promise<{ record: ProbeRecord; cached: boolean }> {
  const hit = readCached(cache, adapter, appVersion);
  if (hit) return { record: hit, cached: true };
  const record = await runProbe(measure, adapter, appVersion, rival, opts);
  // An incomplete record is kept too (a timeout would recur every start-up), but not an empty
  // one: the next start-up tries again.
  if (record.timings.length > 0) {
    try {
      cache.set(cacheKey(adapter, appVersion), JSON.stringify(record));
    } catch {
      // Storage full or denied: the choice still holds for this session.
    }
  }
  return { record, cached: false };
}

export interface Decision {
  id: BackendId;
  /** Why: for the badge's title and the notice. */
  reason: string;
}

export function label(job: JobSize): string {
  return job.kind === 'mlp'
    ? `the MLP at ${job.size.toLocaleString('en-US')} points`
    : `the UNet at batch ${job.size}`;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/**
 * The backend for one job. Forced: the request. Otherwise the faster of webgpu and the rival at
 * the probed size of the same kind nearest this job's (on a log scale); `fallback` where no
 * probe result covers the job (no hardware adapter, probe failed or timed out).
 */
export function decide(
  request: BackendRequest,
  job: JobSize,
  record: ProbeRecord | null,
  fallback: Decision,
): Decision {
  if (request !== 'auto') return { id: request, reason: `${request} was forced by the link` };
  if (!record) return fallback;
  const measured = record.timings.filter(
    (t) => t.job.kind === job.kind && t.ms.webgpu !== undefined && t.ms[record.rival] !== undefined,
  );
  if (measured.length === 0) {
    const why = record.incomplete ?? `${label(job)} was not probed`;
    return { ...fallback, reason: `${fallback.reason}; no probe result for ${label(job)}: ${why}` };
  }
  const distance = (t: SizeTiming) => Math.abs(Math.log(t.job.size) - Math.log(job.size));
  const nearest = measured.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  const gpu = nearest.ms.webgpu!;
  const cpu = nearest.ms[record.rival]!;
  const id: BackendId = gpu <= cpu ? 'webgpu' : record.rival;
  const at = nearest.job.size === job.size ? '' : ` (probed at ${nearest.job.size})`;
  return {
    id,
    reason: `${id} was faster for ${label(job)}${at}: webgpu ${fmt(gpu)} ms, ${record.rival} ${fmt(cpu)} ms per evaluation`,
  };
}

/** The badge's table: each fully measured size with its timings and the backend chosen for it. */
export function sizeChoices(record: ProbeRecord): SizeChoice[] {
  return record.timings
    .filter((t) => t.ms.webgpu !== undefined && t.ms[record.rival] !== undefined)
    .map((t) => ({
      job: t.job,
      ms: t.ms,
      id: t.ms.webgpu! <= t.ms[record.rival]! ? 'webgpu' : record.rival,
    }));
}

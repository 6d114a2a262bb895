/**
 * Particles and trajectories of a run as CSV and JSON text (the Export menu's data files).
 * Coordinates are the process's own x_t, as the plot draws them and as the CLI's `trajectory`
 * writes them; 9 significant digits keep every float32 value exact.
 */
import type { FrameBuffer, Frame, Particles } from './frames';

/** Most (particle, frame) pairs a trajectory file holds; larger runs keep their first particles. */
export const MAX_TRAJECTORY_POINTS = 2_000_000;

const num = (v: number): number => Number(v.toPrecision(9));

function rows(points: Float32Array, count = points.length / 2): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < count; i++) out.push([num(points[2 * i]), num(points[2 * i + 1])]);
  return out;
}

export function particlesCsv(points: Float32Array): string {
  const lines = ['x,y'];
  for (let i = 0; i + 1 < points.length; i += 2)
    lines.push(`${num(points[i])},${num(points[i + 1])}`);
  return `${lines.join('\n')}\n`;
}

/** A lane of the run to export: its frames and the sampler that made them. */
export interface ExportLane {
  frames: FrameBuffer<Particles>;
  sampler: string;
  samplerParams: Record<string, unknown>;
}

interface Header {
  /** Everything that reproduces the run (scene settings, model, the link). */
  settings: Record<string, unknown>;
  link: string;
}

function frameFacts(f: Frame<Particles>) {
  return { step: f.step, sigma: f.info.sigma, t: f.info.t, nfe: f.info.nfe };
}

/** The particles at one step of each lane: `particles` for the first, `second` for a comparison run. */
export function particlesJson(header: Header, lanes: readonly ExportLane[], step: number): string {
  const [main, ...rest] = lanes.map((l) => {
    const f = l.frames.at(step);
    return {
      sampler: l.sampler,
      samplerParams: l.samplerParams,
      ...(f ? frameFacts(f) : {}),
      particles: f ? rows(l.frames.points(f)) : [],
    };
  });
  return JSON.stringify({ ...header, ...main, ...(rest[0] ? { second: rest[0] } : {}) });
}

/** How many particles a trajectory file of `frames` frames keeps (all, or the first ones). */
export function trajectoryParticles(particles: number, frames: number): number {
  return Math.max(1, Math.min(particles, Math.floor(MAX_TRAJECTORY_POINTS / Math.max(1, frames))));
}

function allFrames(frames: FrameBuffer<Particles>): Frame<Particles>[] {
  const out: Frame<Particles>[] = [];
  for (let s = 0; s < frames.count; s++) {
    const f = frames.at(s);
    if (f) out.push(f);
  }
  return out;
}

export function trajectoriesJson(header: Header, lane: ExportLane): string {
  const frames = allFrames(lane.frames);
  const kept = trajectoryParticles(lane.frames.particles, frames.length);
  return JSON.stringify({
    ...header,
    sampler: lane.sampler,
    samplerParams: lane.samplerParams,
    particlesKept: kept,
    frames: frames.map((f) => ({ ...frameFacts(f), x: rows(lane.frames.points(f), kept) })),
  });
}

export function trajectoriesCsv(lane: ExportLane): string {
  const frames = allFrames(lane.frames);
  const kept = trajectoryParticles(lane.frames.particles, frames.length);
  const lines = ['step,sigma,t,particle,x,y'];
  for (const f of frames) {
    const p = lane.frames.points(f);
    const head = `${f.step},${num(f.info.sigma)},${num(f.info.t)}`;
    for (let i = 0; i < kept; i++) lines.push(`${head},${i},${num(p[2 * i])},${num(p[2 * i + 1])}`);
  }
  return `${lines.join('\n')}\n`;
}

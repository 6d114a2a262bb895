/**
 * The lab's results: lane plans, the lockstep run's reference and errors, the sweep's points
 * and fits, the likelihood grids. Small arrays of finished results only; the per-step frames
 * of the lanes live in frame buffers (ui/lab/labFrames.ts), never here.
 */
import { create } from 'zustand';
import type { LaneSpec } from '../core/lab/lockstep';
import type { StepGridRow } from '../core/lab/stepGrids';
import type { SweepPoint } from '../core/lab/sweep';
import type { SamplingGrid } from '../core/samplers/types';
import type { LikelihoodFrame, LockstepResult, Model2d, SweepFits } from '../worker/protocol';

export type LabRunState = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface LaneInfo {
  label: string;
  id: string;
  params: LaneSpec['params'];
  steps: number;
  /** Evaluations the plan spends. */
  nfe: number;
  stochastic: boolean;
  /** The lane's grid (with its process: some samplers need it). */
  grid: SamplingGrid;
}

export interface LockstepSlice {
  state: LabRunState;
  /** Bumped by "run again" to restart an unchanged lockstep run. */
  nonce: number;
  budget: number;
  /** The panels' model the run asked for (result.model says what it ran on). */
  model: Model2d;
  lanes: LaneInfo[];
  result: LockstepResult | null;
  error: string | null;
}

export interface SweepSlice {
  state: LabRunState;
  fraction: number;
  message: string;
  /** The settings the points belong to (a JSON key), to flag results that no longer match. */
  key: string;
  lanes: LaneInfo[];
  budgets: number[];
  particles: number;
  reference: {
    floor: { slicedW1: number; energy: number; endpoint: number };
    sigmaStart: number;
    sigmaEnd: number;
    rtol: number;
    nfe: number;
  } | null;
  points: (SweepPoint & { ms: number })[];
  fits: SweepFits[] | null;
  error: string | null;
}

export interface LikelihoodSlice {
  state: LabRunState;
  fraction: number;
  key: string;
  gridSize: number;
  extent: number;
  logp: Float32Array | null;
  exact: Float32Array | null;
  nll: Extract<LikelihoodFrame, { kind: 'nll' }> | null;
  elbo: Extract<LikelihoodFrame, { kind: 'elbo' }> | null;
  error: string | null;
}

/** The step-grid comparison (worker job 'grids'): its rows as they arrive. */
export interface GridsSlice {
  state: LabRunState;
  fraction: number;
  key: string;
  /** The sampler's label and the steps from σ_max to σ_min. */
  lane: string;
  intervals: number;
  sigmaMin: number;
  sigmaMax: number;
  rows: (StepGridRow & { ms: number })[];
  /** Where the σ search stands (sampler runs done, the most it makes, its lowest error so far). */
  search: { evaluations: number; budget: number; error: number } | null;
  error: string | null;
}

export interface LabState {
  lockstep: LockstepSlice;
  sweep: SweepSlice;
  likelihood: LikelihoodSlice;
  grids: GridsSlice;
  setLockstep(p: Partial<LockstepSlice>): void;
  setSweep(p: Partial<SweepSlice>): void;
  setLikelihood(p: Partial<LikelihoodSlice>): void;
  setGrids(p: Partial<GridsSlice>): void;
}

export const useLab = create<LabState>()((set) => ({
  lockstep: {
    state: 'idle',
    nonce: 0,
    budget: 0,
    model: 'exact',
    lanes: [],
    result: null,
    error: null,
  },
  sweep: {
    state: 'idle',
    fraction: 0,
    message: '',
    key: '',
    lanes: [],
    budgets: [],
    particles: 0,
    reference: null,
    points: [],
    fits: null,
    error: null,
  },
  likelihood: {
    state: 'idle',
    fraction: 0,
    key: '',
    gridSize: 0,
    extent: 0,
    logp: null,
    exact: null,
    nll: null,
    elbo: null,
    error: null,
  },
  grids: {
    state: 'idle',
    fraction: 0,
    key: '',
    lane: '',
    intervals: 0,
    sigmaMin: 0,
    sigmaMax: 0,
    rows: [],
    search: null,
    error: null,
  },
  setLockstep: (p) => set((s) => ({ lockstep: { ...s.lockstep, ...p } })),
  setSweep: (p) => set((s) => ({ sweep: { ...s.sweep, ...p } })),
  setLikelihood: (p) => set((s) => ({ likelihood: { ...s.likelihood, ...p } })),
  setGrids: (p) => set((s) => ({ grids: { ...s.grids, ...p } })),
}));

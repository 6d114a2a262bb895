/**
 * The app store: parameters (mirrored in the URL hash), worker and run status. Per-step
 * arrays never live here: frames go from the worker client straight to the views.
 */
import { create } from 'zustand';
import type { BackendInfo, JobBackend, Phase } from '../worker/protocol';
import { FIELDS, type ParamName, type Params } from './fields';
import { upgradeLegacyHash } from './legacyHash';
import { decodeHash, encodeHash } from './urlFields';

export type RunState = 'idle' | 'loading' | 'running' | 'done' | 'error';

export interface AppState {
  params: Params;
  /** Messages about the URL, the worker or inputs, newest last; dismissible. */
  notices: string[];
  backend: BackendInfo | null;
  /** The backend the latest run's job ran on (the auto backend's per-size choice), and why. */
  jobBackend: JobBackend | null;
  runState: RunState;
  /** How many runs have started since the page loaded (each setRun('running') counts one). */
  runs: number;
  progress: { phase: Phase; message: string } | null;
  error: string | null;
  /** Playback position (frame index) and whether it advances on its own. */
  playback: { step: number; playing: boolean };
  setPlayback(p: Partial<AppState['playback']>): void;
  setParam<K extends ParamName>(name: K, value: Params[K]): void;
  /** Several parameters in one update (one URL write, one run). */
  setParams(values: Partial<Params>): void;
  loadHash(hash: string): void;
  notify(message: string): void;
  dismissNotice(index: number): void;
  setBackend(info: BackendInfo | null): void;
  setJobBackend(info: JobBackend | null): void;
  setRun(state: RunState, detail?: { error?: string; progress?: AppState['progress'] }): void;
}

export const useStore = create<AppState>()((set) => ({
  params: decodeHash(FIELDS, '').params,
  notices: [],
  backend: null,
  jobBackend: null,
  runState: 'idle',
  runs: 0,
  progress: null,
  error: null,
  playback: { step: 0, playing: true },
  setPlayback: (p) => set((s) => ({ playback: { ...s.playback, ...p } })),
  setParam: (name, value) => set((s) => ({ params: { ...s.params, [name]: value } })),
  setParams: (values) => set((s) => ({ params: { ...s.params, ...values } })),
  loadHash: (hash) =>
    set((s) => {
      const { params, problems } = decodeHash(FIELDS, upgradeLegacyHash(hash));
      return { params, notices: [...s.notices, ...problems] };
    }),
  notify: (message) => set((s) => ({ notices: [...s.notices, message] })),
  dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
  setBackend: (info) => set({ backend: info }),
  setJobBackend: (info) => set({ jobBackend: info }),
  setRun: (runState, detail = {}) =>
    set((s) => ({
      runState,
      runs: s.runs + (runState === 'running' ? 1 : 0),
      error: detail.error ?? null,
      progress: detail.progress ?? null,
    })),
}));

export const selectHash = (s: AppState): string => encodeHash(FIELDS, s.params);

/**
 * The user's own point set (dataset=custom): drawn on the canvas or uploaded. It is too large
 * for the URL, so it lives here, outside the link; `version` changes with every edit so a run
 * starts once per change.
 */
import { create } from 'zustand';
import { MAX_UPLOAD_POINTS } from '../core/data/csv';

export interface CustomDataState {
  /** Flat (x, y) in the plot's data coordinates; empty until the user draws or uploads. */
  points: Float64Array;
  version: number;
  /** Where the points came from, e.g. "drawn" or the uploaded file's name. */
  source: string;
  replace(points: Float64Array, source: string): void;
  /** Appends drawn points (up to the upload limit); returns how many were kept. */
  append(points: Float64Array): number;
  clear(): void;
}

export const useCustomData = create<CustomDataState>()((set, get) => ({
  points: new Float64Array(0),
  version: 0,
  source: '',
  replace: (points, source) => set((s) => ({ points, source, version: s.version + 1 })),
  append: (more) => {
    const { points } = get();
    const room = Math.max(0, 2 * MAX_UPLOAD_POINTS - points.length);
    const kept = more.subarray(0, room - (room % 2));
    if (kept.length === 0) return 0;
    const next = new Float64Array(points.length + kept.length);
    next.set(points);
    next.set(kept, points.length);
    set((s) => ({ points: next, source: 'drawn', version: s.version + 1 }));
    return kept.length / 2;
  },
  clear: () => set((s) => ({ points: new Float64Array(0), source: '', version: s.version + 1 })),
}));

import { ddrm } from './ddrm';
import { dps } from './dps';
import { ilvr } from './ilvr';
import type { OperatorId } from './operators';
import { pigdm } from './pigdm';
import type { RestoreSolver } from './solver';

/**
 * The restoration solvers by id. RePaint (core/images/repaint.ts) is offered beside them for the
 * pixel mask, where it applies; it is not a RestoreSolver (its walk goes up and down the grid).
 */
export const RESTORE_SOLVERS: readonly RestoreSolver[] = [ddrm, dps, pigdm, ilvr];
export const SOLVER_IDS = ['ddrm', 'dps', 'pigdm', 'ilvr', 'repaint'] as const;
export type SolverId = (typeof SOLVER_IDS)[number];

export function solverApplies(solver: SolverId, op: OperatorId): boolean {
  if (solver === 'repaint') return op === 'mask';
  return RESTORE_SOLVERS.some((s) => s.id === solver && s.operators.includes(op));
}

export function requireSolver(id: string): RestoreSolver {
  const s = RESTORE_SOLVERS.find((r) => r.id === id);
  if (!s) throw new Error(`unknown restoration solver "${id}"`);
  return s;
}

/** Peak signal-to-noise ratio in dB of images in [-1, 1] (peak-to-peak 2): 10·log10(4 / MSE). */
export function psnr(mse: number): number {
  return 10 * Math.log10(4 / mse);
}

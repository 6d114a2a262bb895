import { NAME_END, NAME_LETTERS, NAME_MASK } from '../../core/discrete/data/names';
import { ForwardState } from '../../core/discrete/forward';
import { TokenState } from '../../core/discrete/sampling';
import type { DiscreteDataId } from '../../core/discrete/datasets';

/** A token as a short label: a letter, '·' for END, '_' for the mask; a grey level's number, 'm' for its mask. */
export function tokenSymbol(dataset: DiscreteDataId, token: number): string {
  if (dataset === 'digits') return token === 17 ? 'm' : String(token);
  if (token === NAME_END) return '·';
  if (token === NAME_MASK) return '_';
  return NAME_LETTERS[token] ?? '?';
}

/** A token in words, for labels and the candidates table. */
export function tokenWord(dataset: DiscreteDataId, token: number): string {
  if (dataset === 'digits') return token === 17 ? 'mask' : `level ${token}`;
  if (token === NAME_END) return 'END';
  if (token === NAME_MASK) return 'mask';
  return NAME_LETTERS[token] ?? '?';
}

export type GridKind = 'reverse' | 'forward';

/** CSS class of a token's state (the legend uses the same classes). */
export function stateClass(kind: GridKind, state: number): string {
  if (kind === 'forward') {
    if (state === ForwardState.masked) return 'tok-masked';
    return state === ForwardState.replaced ? 'tok-replaced' : 'tok-clean';
  }
  switch (state) {
    case TokenState.masked:
      return 'tok-masked';
    case TokenState.revealed:
      return 'tok-revealed';
    case TokenState.remasked:
      return 'tok-remasked';
    case TokenState.fixed:
      return 'tok-fixed';
    default:
      return 'tok-committed';
  }
}

export const LEGENDS: Record<GridKind, { className: string; label: string }[]> = {
  forward: [
    { className: 'tok-clean', label: 'clean (x_t = x₀)' },
    { className: 'tok-replaced', label: 'replaced by another token' },
    { className: 'tok-masked', label: 'masked' },
  ],
  reverse: [
    { className: 'tok-masked', label: 'masked' },
    { className: 'tok-revealed', label: 'revealed this step' },
    { className: 'tok-committed', label: 'committed' },
    { className: 'tok-remasked', label: 'remasked this step' },
    { className: 'tok-fixed', label: 'fixed (infilling)' },
  ],
};

/** Outline colours of the digit tiles by state (the CSS classes' colours). */
export const TILE_OUTLINES: Record<GridKind, Record<number, string>> = {
  forward: { [ForwardState.replaced]: '#d97706' },
  reverse: {
    [TokenState.revealed]: '#16a34a',
    [TokenState.remasked]: '#dc2626',
    [TokenState.fixed]: '#2563eb',
  },
};
export const TILE_MASK = '#c4b5fd';
export const TILE_SELECTED = '#db2777';

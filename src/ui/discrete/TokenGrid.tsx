import { memo, useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { DISCRETE_DATA, type DiscreteDataId } from '../../core/discrete/datasets';
import { drawTokenTiles, tileAt, tileCanvasSize, type TileLayout } from '../../viz/tokenTiles';
import {
  LEGENDS,
  stateClass,
  TILE_MASK,
  TILE_OUTLINES,
  TILE_SELECTED,
  tokenSymbol,
  type GridKind,
} from './tokens';

export interface TokenSelection {
  sequence: number;
  position: number;
}

const DIGIT_LAYOUT: TileLayout = { columns: 8, side: 8, cell: 8, gap: 6 };

/** Arrow keys move the selection: along a name, or within a digit (PageUp/PageDown: sequence). */
function moved(
  e: KeyboardEvent,
  s: TokenSelection,
  count: number,
  L: number,
  digits: boolean,
): TokenSelection | null {
  const row = digits ? 8 : L;
  const next = { ...s };
  switch (e.key) {
    case 'ArrowLeft':
      next.position = Math.max(0, s.position - 1);
      break;
    case 'ArrowRight':
      next.position = Math.min(L - 1, s.position + 1);
      break;
    case 'ArrowUp':
      if (digits) next.position = Math.max(0, s.position - row);
      else next.sequence = Math.max(0, s.sequence - 1);
      break;
    case 'ArrowDown':
      if (digits) next.position = Math.min(L - 1, s.position + row);
      else next.sequence = Math.min(count - 1, s.sequence + 1);
      break;
    case 'PageUp':
      next.sequence = Math.max(0, s.sequence - 1);
      break;
    case 'PageDown':
      next.sequence = Math.min(count - 1, s.sequence + 1);
      break;
    default:
      return null;
  }
  return next;
}

/**
 * A batch of token sequences, each token coloured by its state: names as rows of letters,
 * digits as 8×8 tiles. With `onSelect`, a click or the arrow keys pick a token.
 */
export function TokenGrid({
  dataset,
  tokens,
  states,
  kind,
  label,
  selected = null,
  onSelect,
  testId,
}: {
  dataset: DiscreteDataId;
  tokens: Int32Array;
  states: Uint8Array | null;
  kind: GridKind;
  label: string;
  selected?: TokenSelection | null;
  onSelect?: (s: TokenSelection) => void;
  testId: string;
}) {
  const { L } = DISCRETE_DATA[dataset];
  const count = Math.floor(tokens.length / L);
  const digits = dataset === 'digits';
  const onKeyDown = (e: KeyboardEvent) => {
    if (!onSelect || count === 0) return;
    const next = moved(e, selected ?? { sequence: 0, position: 0 }, count, L, digits);
    if (next) {
      e.preventDefault();
      onSelect(next);
    }
  };
  const focus = onSelect ? { tabIndex: 0, onKeyDown } : {};
  return (
    <figure className="token-grid-figure">
      <div
        role="group"
        aria-label={label + (onSelect ? ' (arrow keys pick a token)' : '')}
        data-testid={testId}
        data-count={count}
        className={`token-grid ${digits ? 'token-grid-digits' : 'token-grid-names'}`}
        {...focus}
      >
        {digits ? (
          <DigitTiles
            tokens={tokens}
            states={states}
            kind={kind}
            count={count}
            selected={selected}
            onSelect={onSelect}
          />
        ) : (
          Array.from({ length: count }, (_, j) => (
            <NameRow
              key={j}
              sequence={j}
              symbols={Array.from(tokens.subarray(j * L, j * L + L), (t) =>
                tokenSymbol(dataset, t),
              ).join('')}
              classes={Array.from({ length: L }, (_, l) =>
                states ? stateClass(kind, states[j * L + l]) : 'tok-committed',
              ).join(' ')}
              selected={selected?.sequence === j ? selected.position : -1}
              onSelect={onSelect}
              testId={`${testId}-row`}
            />
          ))
        )}
      </div>
      <figcaption className="token-legend">
        {LEGENDS[kind]
          .filter((e) => !(digits && e.className === 'tok-committed'))
          .map((e) => (
            <span key={e.className}>
              <span className={`tok tok-swatch ${e.className}`} aria-hidden="true" /> {e.label}
            </span>
          ))}
      </figcaption>
    </figure>
  );
}

/**
 * One name's tokens; memoised on its text, its state classes and its selected position, so a step
 * re-renders only the rows it changed.
 */
const NameRow = memo(function NameRow({
  sequence,
  symbols,
  classes,
  selected,
  onSelect,
  testId,
}: {
  sequence: number;
  symbols: string;
  classes: string;
  selected: number;
  onSelect?: (s: TokenSelection) => void;
  testId: string;
}) {
  const stateOf = classes.split(' ');
  return (
    <div className="token-row" data-testid={testId}>
      {[...symbols].map((symbol, l) => (
        <span
          key={l}
          className={`tok ${stateOf[l]}${l === selected ? ' tok-selected' : ''}`}
          onClick={onSelect && (() => onSelect({ sequence, position: l }))}
        >
          {symbol}
        </span>
      ))}
    </div>
  );
});

function DigitTiles({
  tokens,
  states,
  kind,
  count,
  selected,
  onSelect,
}: {
  tokens: Int32Array;
  states: Uint8Array | null;
  kind: GridKind;
  count: number;
  selected: TokenSelection | null;
  onSelect?: (s: TokenSelection) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { width, height } = tileCanvasSize(count, DIGIT_LAYOUT);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    drawTokenTiles(
      ctx,
      tokens,
      states,
      count,
      DISCRETE_DATA.digits.levels,
      DIGIT_LAYOUT,
      { mask: TILE_MASK, outline: TILE_OUTLINES[kind], selected: TILE_SELECTED },
      selected,
    );
  }, [tokens, states, kind, count, selected]);
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const hit = tileAt(e.clientX - box.left, e.clientY - box.top, count, DIGIT_LAYOUT);
    if (hit && onSelect) onSelect(hit);
  };
  return <canvas ref={ref} width={width} height={height} onPointerDown={onPointerDown} />;
}

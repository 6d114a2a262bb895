import { useMemo, type KeyboardEvent } from 'react';
import { DISCRETE_DATA } from '../../core/discrete/datasets';
import { paintHex, paintMask } from '../../state/discrete';
import type { DiscreteData } from '../../state/discreteData';
import { MAX_DIGIT_SOURCE } from '../../state/discreteFields';
import { NumberControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';

const SHOWN = ['dset', 'dfix', 'dpaint', 'dsrc'] as const;

/** Preset regions of the 8×8 digit to keep (row r, column c of pixel l = 8r + c). */
const REGIONS: Record<string, (r: number, c: number) => boolean> = {
  'Top half': (r) => r < 4,
  'Bottom half': (r) => r >= 4,
  'Left half': (_, c) => c < 4,
  'Right half': (_, c) => c >= 4,
};

function regionHex(inside: (r: number, c: number) => boolean): string {
  return paintHex(Array.from({ length: 64 }, (_, l) => inside(Math.floor(l / 8), l % 8)));
}

/** Which pixels of the template digit are kept: a button per pixel, pressed when kept. */
function PaintGrid({ data, src, hex }: { data: DiscreteData | null; src: number; hex: string }) {
  const setParam = useSetParam();
  const mask = useMemo(() => paintMask(hex), [hex]);
  const { L } = DISCRETE_DATA.digits;
  const template =
    data?.dataset === 'digits' ? data.heldOut.tokens.subarray(src * L, src * L + L) : null;
  const toggle = (l: number) => {
    const next = [...mask];
    next[l] = !next[l];
    setParam('dpaint', paintHex(next));
  };
  const onKey = (e: KeyboardEvent, l: number) => {
    const to = { ArrowLeft: l - 1, ArrowRight: l + 1, ArrowUp: l - 8, ArrowDown: l + 8 }[e.key];
    if (to === undefined || to < 0 || to > 63) return;
    e.preventDefault();
    (e.currentTarget.parentElement?.children[to] as HTMLElement | undefined)?.focus();
  };
  return (
    <div
      className="paint-grid"
      role="group"
      aria-label="Kept pixels of the template digit"
      data-testid="dpaint-grid"
    >
      {Array.from({ length: 64 }, (_, l) => {
        const level = template ? template[l] : 0;
        const g = Math.round(255 * (1 - level / 16));
        return (
          <button
            key={l}
            type="button"
            aria-pressed={mask[l]}
            aria-label={`Pixel row ${Math.floor(l / 8) + 1}, column ${(l % 8) + 1}, level ${level}`}
            className={mask[l] ? 'paint-kept' : undefined}
            style={{ background: `rgb(${g},${g},${g})` }}
            onClick={() => toggle(l)}
            onKeyDown={(e) => onKey(e, l)}
          />
        );
      })}
    </div>
  );
}

/**
 * Infilling: fix some positions and sample the rest. Names: a pattern of letters, '.' (the end)
 * and '_' (free). Digits: keep painted pixels of a held-out digit.
 */
export function InfillControls({ data }: { data: DiscreteData | null }) {
  const p = useParams(SHOWN);
  const setParam = useSetParam();
  if (p.dset === 'names') {
    return (
      <fieldset>
        <legend>Infilling</legend>
        <label className="control">
          <span className="control-label">Fixed positions</span>
          <input
            type="text"
            maxLength={12}
            spellCheck={false}
            value={p.dfix}
            placeholder="e.g. ma____ or ___ine."
            aria-describedby="dfix-help"
            data-testid="dfix-input"
            onChange={(e) =>
              setParam('dfix', e.target.value.toLowerCase().replace(/[^a-z._]/g, ''))
            }
          />
        </label>
        <p id="dfix-help" className="muted">
          A letter fixes its position, '.' fixes the end of the name, '_' leaves a position free;
          positions past the pattern are free.
        </p>
      </fieldset>
    );
  }
  return (
    <fieldset>
      <legend>Infilling</legend>
      <NumberControl
        label="Template (held-out digit)"
        testId="dsrc-input"
        value={p.dsrc}
        min={0}
        max={MAX_DIGIT_SOURCE}
        step={1}
        onChange={(v) => setParam('dsrc', v)}
      />
      <PaintGrid data={data} src={p.dsrc} hex={p.dpaint} />
      <div className="paint-presets">
        {Object.entries(REGIONS).map(([label, inside]) => (
          <button key={label} type="button" onClick={() => setParam('dpaint', regionHex(inside))}>
            Keep {label.toLowerCase()}
          </button>
        ))}
        <button type="button" onClick={() => setParam('dpaint', '')} data-testid="dpaint-clear">
          Keep none
        </button>
      </div>
      <p className="muted">Pressed pixels keep the template's grey level; the rest is sampled.</p>
    </fieldset>
  );
}

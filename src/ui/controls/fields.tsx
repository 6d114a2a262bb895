import { useState, type ReactNode } from 'react';
import { Tip } from './Tip';

interface Common {
  label: string;
  tex?: string;
  help?: ReactNode;
  testId?: string;
}

function Label({ label, tex, help }: Common) {
  return (
    <span className="control-label">
      {label}
      {(tex || help) && <Tip tex={tex}>{help}</Tip>}
    </span>
  );
}

const option = <V extends string>(o: V | { value: V; label: string }) =>
  typeof o === 'string' ? { value: o, label: o } : o;

/** A menu of `options`; `onChange` gets the chosen option's value, typed as the options are. */
export function SelectControl<V extends string>({
  value,
  options,
  onChange,
  disabled,
  ...c
}: Common & {
  value: V;
  options: readonly (V | { value: V; label: string })[];
  onChange(v: V): void;
  disabled?: boolean;
}) {
  const choose = (text: string) => {
    const chosen = options.map(option).find((o) => o.value === text);
    if (chosen) onChange(chosen.value);
  };
  return (
    <label className="control">
      <Label {...c} />
      <select
        value={value}
        onChange={(e) => choose(e.target.value)}
        data-testid={c.testId}
        disabled={disabled}
      >
        {options.map((o) => {
          const { value: v, label } = option(o);
          return (
            <option key={v} value={v}>
              {label}
            </option>
          );
        })}
      </select>
    </label>
  );
}

/** A menu of preset numbers (`options`, with their labels); `onChange` gets the chosen number. */
export function NumberSelectControl({
  value,
  options,
  onChange,
  ...c
}: Common & {
  value: number;
  options: readonly { value: number; label: string }[];
  onChange(v: number): void;
}) {
  return (
    <SelectControl
      {...c}
      value={String(value)}
      options={options.map((o) => ({ value: String(o.value), label: o.label }))}
      onChange={(text) => {
        const chosen = options.find((o) => String(o.value) === text);
        if (chosen) onChange(chosen.value);
      }}
    />
  );
}

/**
 * A number with a slider and a text box. The text box commits on Enter or blur, so typing
 * "1" on the way to "150" does not start a run; invalid text is flagged, not applied.
 */
export function NumberControl({
  value,
  min,
  max,
  step,
  log,
  onChange,
  ...c
}: Common & {
  value: number;
  min: number;
  max: number;
  step: number;
  log?: boolean;
  onChange(v: number): void;
}) {
  const [text, setText] = useState(String(value));
  const [bad, setBad] = useState(false);
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    // The value changed from outside (URL, slider): show it (React's "adjust state on prop change").
    setShownValue(value);
    setText(String(value));
  }
  const commit = () => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) {
      setBad(true);
      return;
    }
    setBad(false);
    const clamped = Math.min(max, Math.max(min, step >= 1 ? Math.round(v) : v));
    setText(String(clamped));
    if (clamped !== value) onChange(clamped);
  };
  const toSlider = (v: number) => (log ? Math.log10(v) : v);
  const fromSlider = (s: number) => (log ? Math.round(10 ** s) : s);
  return (
    <div className="control">
      <Label {...c} />
      <span className="number-row">
        <input
          type="range"
          aria-label={`${c.label} slider`}
          min={toSlider(min)}
          max={toSlider(max)}
          step={log ? 0.01 : step}
          value={toSlider(value)}
          onChange={(e) => onChange(fromSlider(Number(e.target.value)))}
        />
        <input
          type="text"
          inputMode="decimal"
          aria-label={c.label}
          aria-invalid={bad}
          data-testid={c.testId}
          className={bad ? 'invalid' : undefined}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      </span>
      {bad && <span className="control-error">not a number; kept {value}</span>}
    </div>
  );
}

export function ToggleControl({
  value,
  onChange,
  ...c
}: Common & { value: boolean; onChange(v: boolean): void }) {
  return (
    <label className="control toggle">
      <input
        type="checkbox"
        checked={value}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={c.testId}
      />
      <Label {...c} />
    </label>
  );
}

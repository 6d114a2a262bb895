import type { SamplerDef, SamplerParams } from '../../core/samplers/types';
import { NumberControl, SelectControl, ToggleControl } from './fields';

/** A sampler's own parameters as controls, one per ParamSpec, each with its equation. */
export function SamplerParamFields({
  def,
  params,
  onChange,
}: {
  def: SamplerDef;
  params: SamplerParams;
  onChange(key: string, value: number | string | boolean): void;
}) {
  return (
    <>
      {def.params.map((p) => {
        const v = params[p.key];
        if (p.kind === 'choice') {
          return (
            <SelectControl
              key={p.key}
              label={p.label}
              tex={p.tex}
              value={String(v)}
              options={p.choices}
              onChange={(x) => onChange(p.key, x)}
            />
          );
        }
        if (p.kind === 'bool') {
          return (
            <ToggleControl
              key={p.key}
              label={p.label}
              tex={p.tex}
              value={Boolean(v)}
              onChange={(x) => onChange(p.key, x)}
            />
          );
        }
        return (
          <NumberControl
            key={p.key}
            label={p.label}
            tex={p.tex}
            value={Number(v)}
            min={p.min}
            max={p.max}
            step={p.step}
            onChange={(x) => onChange(p.key, x)}
          />
        );
      })}
    </>
  );
}

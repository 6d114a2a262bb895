import type { SamplerDef, SamplerParams } from '../../core/samplers/types';
import { NumberControl, SelectControl, ToggleControl } from './fields';

/**
 * A sampler's own parameters as controls, one per ParamSpec, each with its equation. `shown`
 * leaves some out (lesson links hide controls); `testId` names each control for tests.
 */
export function SamplerParamFields({
  def,
  params,
  onChange,
  shown = () => true,
  testId,
}: {
  def: Pick<SamplerDef, 'params'>;
  params: SamplerParams;
  onChange(key: string, value: number | string | boolean): void;
  shown?: (key: string) => boolean;
  testId?: (key: string) => string;
}) {
  return (
    <>
      {def.params
        .filter((p) => shown(p.key))
        .map((p) => {
          const v = params[p.key];
          if (p.kind === 'choice') {
            return (
              <SelectControl
                key={p.key}
                label={p.label}
                tex={p.tex}
                testId={testId?.(p.key)}
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
                testId={testId?.(p.key)}
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
              testId={testId?.(p.key)}
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

import type { ParamSpec, SamplerDef, SamplerParams } from './types';

/**
 * Sampler parameters as short text ("eta:0.5,order:2"), checked against the sampler's own
 * ParamSpec: out-of-range numbers are clamped, unknown keys and bad values are reported by
 * name and replaced by the sampler's defaults, never thrown.
 */
export function encodeSamplerParams(
  def: Pick<SamplerDef, 'params' | 'defaults'>,
  params: SamplerParams,
): string {
  return def.params
    .filter((p) => params[p.key] !== undefined && params[p.key] !== def.defaults[p.key])
    .map((p) => `${p.key}:${String(params[p.key])}`)
    .join(',');
}

function parseValue(
  spec: ParamSpec,
  raw: string,
): { value?: number | string | boolean; problem?: string } {
  switch (spec.kind) {
    case 'choice':
      return spec.choices.includes(raw)
        ? { value: raw }
        : { problem: `${spec.key}="${raw}" is not one of ${spec.choices.join(', ')}` };
    case 'bool':
      if (raw === 'true' || raw === '1') return { value: true };
      if (raw === 'false' || raw === '0') return { value: false };
      return { problem: `${spec.key}="${raw}" is not true/false` };
    default: {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v))
        return { problem: `${spec.key}="${raw}" is not a number` };
      const r = spec.kind === 'int' ? Math.round(v) : v;
      const c = Math.min(spec.max, Math.max(spec.min, r));
      return c === v
        ? { value: c }
        : {
            value: c,
            problem: `${spec.key}=${raw} is outside ${spec.min}..${spec.max}; using ${c}`,
          };
    }
  }
}

export function decodeSamplerParams(
  def: Pick<SamplerDef, 'id' | 'params' | 'defaults'>,
  text: string,
): { params: SamplerParams; problems: string[] } {
  const params: SamplerParams = { ...def.defaults };
  const problems: string[] = [];
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const [key, raw = ''] = part.split(':');
    const spec = def.params.find((p) => p.key === key);
    if (!spec) {
      problems.push(`sampler ${def.id} has no parameter "${key}"`);
      continue;
    }
    const { value, problem } = parseValue(spec, raw);
    if (problem) problems.push(`${def.id}: ${problem}`);
    if (value !== undefined) params[key] = value;
  }
  return { params, problems };
}

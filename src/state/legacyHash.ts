import { samplerParamField } from './samplerFields';

/**
 * Rewrites links made before the field names settled, so they keep working: `beta=` is now
 * `schedule=`, and sampler parameters moved from `sp=eta:0.5,order:2` (and `sp2=` for the
 * second sampler) to top-level fields `eta=0.5&order=2` (`eta2=…`). Other parameters pass as they are.
 */
export function upgradeLegacyHash(hash: string): string {
  const input = new URLSearchParams(hash.replace(/^#/, ''));
  const out = new URLSearchParams();
  for (const [name, value] of input) {
    if (name === 'beta') out.append('schedule', value);
    else if (name === 'sp' || name === 'sp2') {
      for (const part of value.split(',').filter((s) => s.trim() !== '')) {
        const [key, raw = ''] = part.split(':');
        out.append(samplerParamField(key, name === 'sp' ? 1 : 2), raw);
      }
    } else out.append(name, value);
  }
  const s = out.toString();
  return s ? `#${s}` : '';
}

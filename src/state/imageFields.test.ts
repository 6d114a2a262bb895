import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { FLOW_IMAGE_MODELS, IMAGE_MODELS } from './imageFields';
import { imageSettings } from './images';
import { decodeHash, encodeHash } from './urlFields';

const manifest = JSON.parse(readFileSync('public/models/manifest.json', 'utf8')) as {
  models: { id: string; kind: string; schedule?: { kind: string } }[];
};

describe('image models', () => {
  it('every offered model ships, and the flow ones are those the manifest trains on the flow', () => {
    const unets = manifest.models.filter((m) => m.kind === 'unet');
    expect(unets.map((m) => m.id).sort()).toEqual([...IMAGE_MODELS].sort());
    expect(unets.filter((m) => m.schedule?.kind === 'flow').map((m) => m.id)).toEqual([
      ...FLOW_IMAGE_MODELS,
    ]);
  });

  it('model=digits-fm round-trips through the link and selects the flow process', () => {
    const link = '#view=images&model=digits-fm&shift=3';
    const { params: back, problems } = decodeHash(FIELDS, link);
    expect(problems).toEqual([]);
    expect(encodeHash(FIELDS, back)).toBe(link);
    expect(back.model).toBe('digits-fm');
    const { settings } = imageSettings(back);
    expect(settings.flow).toBe(true);
    expect(settings.placement.shift).toBe(3);
    // A diffusion model keeps its spacing and ignores the shift (changing it starts no run).
    const diffusion = imageSettings({ ...back, model: 'digits' }).settings;
    expect([diffusion.flow, diffusion.placement.shift]).toEqual([false, 1]);
  });
});

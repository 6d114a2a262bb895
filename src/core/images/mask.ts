/**
 * Inpainting masks on an H×W image: 1 marks a pixel to repaint, 0 a pixel kept from the source.
 * Presets, a round brush, and a compact hex text form for links (4 pixels per character).
 */
export const MASK_PRESETS = ['right', 'left', 'top', 'bottom', 'centre', 'border'] as const;
export type MaskPreset = (typeof MASK_PRESETS)[number];

export function presetMask(preset: MaskPreset, h: number, w: number): Uint8Array {
  const inside = (r: number, c: number): boolean => {
    switch (preset) {
      case 'right':
        return c >= w / 2;
      case 'left':
        return c < w / 2;
      case 'top':
        return r < h / 2;
      case 'bottom':
        return r >= h / 2;
      case 'centre':
        return r >= h / 4 && r < (3 * h) / 4 && c >= w / 4 && c < (3 * w) / 4;
      case 'border':
        return r < h / 4 || r >= (3 * h) / 4 || c < w / 4 || c >= (3 * w) / 4;
    }
  };
  return Uint8Array.from({ length: h * w }, (_, i) => (inside(Math.floor(i / w), i % w) ? 1 : 0));
}

/** Sets every pixel whose centre lies within `radius` of (row, col) to `value` (a new mask). */
export function paintDisk(
  mask: Uint8Array,
  h: number,
  w: number,
  row: number,
  col: number,
  radius: number,
  value: 0 | 1,
): Uint8Array {
  const out = Uint8Array.from(mask);
  const reach = Math.ceil(radius);
  for (let r = Math.max(0, row - reach); r <= Math.min(h - 1, row + reach); r++) {
    for (let c = Math.max(0, col - reach); c <= Math.min(w - 1, col + reach); c++) {
      if ((r - row) ** 2 + (c - col) ** 2 <= radius * radius) out[r * w + c] = value;
    }
  }
  return out;
}

/** Hex text, the first pixel in the highest bit of the first character. */
export function encodeMask(mask: Uint8Array): string {
  let out = '';
  for (let i = 0; i < mask.length; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (mask[i + b] ? 1 : 0);
    out += nibble.toString(16);
  }
  return out;
}

/** The mask of `size` pixels from encodeMask's text, or null when the text does not fit. */
export function decodeMask(text: string, size: number): Uint8Array | null {
  if (text.length !== Math.ceil(size / 4) || !/^[0-9a-f]*$/.test(text)) return null;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (parseInt(text[i >> 2], 16) >> (3 - (i & 3))) & 1;
  return out;
}

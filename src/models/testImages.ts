import { fetchVerified, type LoadOptions } from './loader';
import type { ModelEntry } from './manifest';

/** The few dozen test-split images a model ships (test-images.json), decoded to [-1, 1]. */
export interface TestImages {
  count: number;
  height: number;
  width: number;
  labels: Int32Array;
  /** count × height × width values, row-major per image, in [-1, 1]. */
  pixels: Float32Array;
}

/**
 * Checks and decodes test-images.json: { height, width, labels: [n], images: [n][h·w] } with
 * uint8 values v meaning v / 127.5 − 1. The size must match the model's input shape [H, W, 1]
 * and every label must be one of its classes; anything else is an Error naming the problem.
 */
export function parseTestImages(entry: ModelEntry, json: unknown): TestImages {
  const fail = (what: string) => new Error(`model "${entry.id}": test-images.json ${what}`);
  const j = (json ?? {}) as Record<string, unknown>;
  const [h, w, c] = entry.inputShape;
  if (j.height !== h || j.width !== w || c !== 1)
    throw fail(
      `holds ${String(j.height)}×${String(j.width)} images, the model takes ${entry.inputShape.join('×')}`,
    );
  const { images, labels } = j;
  if (
    !Array.isArray(images) ||
    !Array.isArray(labels) ||
    images.length !== labels.length ||
    images.length === 0
  )
    throw fail('needs equally long, non-empty "images" and "labels" arrays');
  const classes = entry.classes?.length ?? 0;
  const size = h * w;
  const pixels = new Float32Array(images.length * size);
  images.forEach((img: unknown, i) => {
    if (!Array.isArray(img) || img.length !== size)
      throw fail(`image ${i} does not have ${size} values`);
    img.forEach((v: unknown, k) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255)
        throw fail(`image ${i} value ${k} is ${String(v)}, not an integer 0..255`);
      pixels[i * size + k] = v / 127.5 - 1;
    });
  });
  labels.forEach((l: unknown, i) => {
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l >= classes)
      throw fail(`label ${i} is ${String(l)}, not a class 0..${classes - 1}`);
  });
  return {
    count: images.length,
    height: h,
    width: w,
    labels: Int32Array.from(labels as number[]),
    pixels,
  };
}

/** Fetches the model's test-images.json (listed in the manifest, so size and hash are checked) and decodes it. */
export async function loadTestImages(entry: ModelEntry, opts: LoadOptions): Promise<TestImages> {
  const path = `${entry.id}/test-images.json`;
  const file = entry.files.find((f) => f.path === path);
  if (!file)
    throw new Error(`model "${entry.id}" ships no test images (${path} is not in the manifest)`);
  const bytes = await fetchVerified(entry, file, opts, () => {});
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(
      `model "${entry.id}": test-images.json is not valid JSON (${(e as Error).message})`,
      { cause: e },
    );
  }
  return parseTestImages(entry, json);
}

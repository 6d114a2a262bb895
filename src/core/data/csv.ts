/** Upload limits: enough for a smooth density, small enough for the exact O(n·m) denoiser. */
export const MAX_UPLOAD_POINTS = 20_000;
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

/** A user upload that cannot be used; the message names the line (CSV) or item (JSON) at fault. */
export class PointsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PointsFormatError';
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function checkCount(n: number): void {
  if (n > MAX_UPLOAD_POINTS)
    throw new PointsFormatError(
      `too many points: more than ${MAX_UPLOAD_POINTS.toLocaleString('en-US')} (the limit)`,
    );
}

/**
 * Parses an upload of 2D points: a JSON array of [x, y] pairs or {x, y} objects (when the text
 * starts with "["), otherwise CSV with two numeric columns (comma, semicolon or tab separated,
 * optional header line). Returns the points flat [x0, y0, x1, y1, …]. Rejects NaN, ±Infinity,
 * more than MAX_UPLOAD_POINTS points and texts over MAX_UPLOAD_BYTES.
 */
export function parsePoints(text: string): Float64Array {
  if (text.length > MAX_UPLOAD_BYTES || utf8Length(text) > MAX_UPLOAD_BYTES)
    throw new PointsFormatError(`the file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`);
  const points = text.trimStart().startsWith('[') ? parseJsonPoints(text) : parseCsvPoints(text);
  if (points.length === 0) throw new PointsFormatError('no points found');
  return points;
}

function parseField(raw: string, where: string): number {
  const field = raw
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  if (field === '') throw new PointsFormatError(`${where}: empty value`);
  if (!DECIMAL.test(field)) throw new PointsFormatError(`${where}: "${field}" is not a number`);
  const value = Number(field);
  if (!Number.isFinite(value)) throw new PointsFormatError(`${where}: "${field}" is not finite`);
  return value;
}

function parseCsvPoints(text: string): Float64Array {
  const lines = text.split(/\r\n|\n|\r/);
  const values: number[] = [];
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const fields = line.split(/[,;\t]/);
    const lineName = `line ${i + 1}`;
    if (fields.length !== 2)
      throw new PointsFormatError(`${lineName}: expected 2 columns (x, y), found ${fields.length}`);
    const isFirst = !seenContent;
    seenContent = true;
    // A first line with no numeric field is a header.
    if (
      isFirst &&
      fields.every(
        (f) =>
          !DECIMAL.test(
            f
              .trim()
              .replace(/^"(.*)"$/, '$1')
              .trim(),
          ),
      )
    )
      continue;
    values.push(
      parseField(fields[0], `${lineName}, column 1`),
      parseField(fields[1], `${lineName}, column 2`),
    );
    checkCount(values.length / 2);
  }
  return Float64Array.from(values);
}

function parseJsonPoints(text: string): Float64Array {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new PointsFormatError(`invalid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data))
    throw new PointsFormatError('JSON must be an array of [x, y] pairs or {x, y} objects');
  checkCount(data.length);
  const out = new Float64Array(2 * data.length);
  data.forEach((item: unknown, i) => {
    const where = `item ${i}`;
    let pair: unknown[];
    if (Array.isArray(item)) {
      if (item.length !== 2)
        throw new PointsFormatError(`${where}: expected [x, y], found ${item.length} values`);
      pair = item;
    } else if (item !== null && typeof item === 'object' && 'x' in item && 'y' in item) {
      pair = [(item as { x: unknown }).x, (item as { y: unknown }).y];
    } else {
      throw new PointsFormatError(
        `${where}: expected [x, y] or {x, y}, found ${JSON.stringify(item)}`,
      );
    }
    pair.forEach((v, c) => {
      const name = `${where}, ${c === 0 ? 'x' : 'y'}`;
      if (typeof v !== 'number')
        throw new PointsFormatError(`${name}: ${JSON.stringify(v)} is not a number`);
      if (!Number.isFinite(v)) throw new PointsFormatError(`${name}: ${v} is not finite`);
      out[2 * i + c] = v;
    });
  });
  return out;
}

/**
 * Zero mean and unit mean per-coordinate variance (one scale for both axes, so the shape is
 * kept), the convention of the built-in data sets. Returns a new array.
 */
export function normalise(points: Float64Array): Float64Array {
  const n = points.length / 2;
  if (!Number.isInteger(n) || n === 0)
    throw new PointsFormatError('normalise: needs at least one 2D point');
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += points[2 * i];
    my += points[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (points[2 * i] - mx) ** 2 + (points[2 * i + 1] - my) ** 2;
  const scale = Math.sqrt(v / (2 * n));
  if (!(scale > 0)) throw new PointsFormatError('all points are identical: nothing to normalise');
  return points.map((p, i) => (p - (i % 2 === 0 ? mx : my)) / scale);
}

/**
 * One table of URL-hash fields (name, type, default, bounds). Every view is a link:
 * parameters round-trip through the hash, and a bad value is clamped or replaced by the
 * default with a message, never thrown at the user.
 */
export interface ChoiceField<N extends string = string, C extends string = string> {
  name: N;
  kind: 'choice';
  choices: readonly C[];
  default: C;
}
export interface NumberField<N extends string = string> {
  name: N;
  kind: 'int' | 'number';
  min: number;
  max: number;
  default: number;
}
export interface BoolField<N extends string = string> {
  name: N;
  kind: 'bool';
  default: boolean;
}
/**
 * Free text, validated by `check` (one message per problem; the text is kept) or elsewhere
 * (e.g. sampler parameters against the chosen sampler's spec).
 */
export interface TextField<N extends string = string> {
  name: N;
  kind: 'text';
  maxLength: number;
  default: string;
  check?: (raw: string) => string[];
}
export type Field<N extends string = string> =
  ChoiceField<N> | NumberField<N> | BoolField<N> | TextField<N>;

export type FieldValue = string | number | boolean;

/**
 * The value type of a field, from its kind: a choice field's is the union of its choices
 * (when they are declared `as const`), int and number fields' is number, bool's boolean,
 * text's string.
 */
export type ValueOf<F> = F extends { kind: 'choice'; choices: readonly (infer C)[] }
  ? C
  : F extends { kind: 'int' | 'number' }
    ? number
    : F extends { kind: 'bool' }
      ? boolean
      : string;

/** The parameters a field table describes: one typed value per field name. */
export type ParamsOf<Fs extends readonly Field[]> = {
  [F in Fs[number] as F['name']]: ValueOf<F>;
};

export interface Decoded<P> {
  params: P;
  /** One line per value that was clamped, replaced or not recognised. */
  problems: string[];
}

function decodeOne(field: Field, raw: string, problems: string[]): FieldValue {
  switch (field.kind) {
    case 'choice':
      if (field.choices.includes(raw)) return raw;
      problems.push(
        `${field.name}="${raw}" is not one of ${field.choices.join(', ')}; using ${field.default}`,
      );
      return field.default;
    case 'text':
      if (raw.length <= field.maxLength) {
        if (field.check) problems.push(...field.check(raw));
        return raw;
      }
      problems.push(
        `${field.name} is longer than ${field.maxLength} characters; using the default`,
      );
      return field.default;
    case 'bool':
      if (raw === '1' || raw === 'true') return true;
      if (raw === '0' || raw === 'false') return false;
      problems.push(`${field.name}="${raw}" is not true/false; using ${field.default}`);
      return field.default;
    default: {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) {
        problems.push(`${field.name}="${raw}" is not a number; using ${field.default}`);
        return field.default;
      }
      const rounded = field.kind === 'int' ? Math.round(v) : v;
      const clamped = Math.min(field.max, Math.max(field.min, rounded));
      if (clamped !== v)
        problems.push(
          `${field.name}=${raw} is outside ${field.min}..${field.max}${field.kind === 'int' ? ' (integers)' : ''}; using ${clamped}`,
        );
      return clamped;
    }
  }
}

/** Messages quote at most this much of what a link holds (a hostile link can be megabytes). */
const QUOTE_LIMIT = 120;
/** A link with more problems than this reports the first ones and a count of the rest. */
const PROBLEM_LIMIT = 8;

const shorten = (line: string) =>
  line.length <= QUOTE_LIMIT ? line : `${line.slice(0, QUOTE_LIMIT)}… (${line.length} characters)`;

/**
 * Parameters from an untrusted hash: the one place where text becomes typed values. Each value
 * is its own field's default or what decodeOne made of the text for that field, so the record
 * has the type the table declares.
 */
export function decodeHash<const Fs extends readonly Field[]>(
  fields: Fs,
  hash: string,
): Decoded<ParamsOf<Fs>> {
  const problems: string[] = [];
  const params: Record<string, FieldValue> = Object.fromEntries(
    fields.map((f) => [f.name, f.default]),
  );
  const search = new URLSearchParams(hash.replace(/^#/, ''));
  const seen = new Set<string>();
  for (const [name, raw] of search) {
    const field = fields.find((f) => f.name === name);
    if (!field) {
      problems.push(`unknown URL parameter "${name}" ignored`);
      continue;
    }
    if (seen.has(name)) problems.push(`${name} is given more than once; using the last value`);
    seen.add(name);
    params[name] = decodeOne(field, raw, problems);
  }
  const shown = problems.slice(0, PROBLEM_LIMIT).map(shorten);
  if (problems.length > PROBLEM_LIMIT)
    shown.push(`… and ${problems.length - PROBLEM_LIMIT} more problems in the link`);
  return { params: params as ParamsOf<Fs>, problems: shown };
}

/** Only values that differ from their defaults are written, so links stay short. */
export function encodeHash<const Fs extends readonly Field[]>(
  fields: Fs,
  params: ParamsOf<Fs>,
): string {
  const values: Partial<Record<string, FieldValue>> = params;
  const out = new URLSearchParams();
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === f.default) continue;
    out.set(f.name, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const s = out.toString();
  return s ? `#${s}` : '';
}

/** A bad command line: main prints "error: <message>" on one line and exits with code 2. */
export class UsageError extends Error {}

export type FlagKind = 'string' | 'int' | 'number' | 'bool' | 'list';

export type FlagSpec = Record<string, FlagKind>;

export type FlagValue = string | number | boolean | string[];

/**
 * `--name value`, `--name=value`, bare `--name` for booleans, and repeatable list flags.
 * Every flag must be in `spec`; numbers must parse completely (no "12abc").
 */
export function parseFlags(argv: readonly string[], spec: FlagSpec): Map<string, FlagValue> {
  const out = new Map<string, FlagValue>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (!kind) {
      const known = Object.keys(spec).map((k) => `--${k}`);
      throw new UsageError(
        `unknown flag --${name}; this command takes ${known.join(', ') || 'no flags'}`,
      );
    }
    if (kind === 'bool') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.set(name, true);
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length) raw = argv[++i];
    else throw new UsageError(`--${name} needs a value`);
    if (kind === 'list') {
      out.set(name, [...((out.get(name) as string[] | undefined) ?? []), raw]);
      continue;
    }
    if (out.has(name)) throw new UsageError(`--${name} is given twice`);
    out.set(name, kind === 'string' ? raw : parseNumber(name, raw, kind === 'int'));
  }
  return out;
}

function parseNumber(name: string, raw: string, integer: boolean): number {
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got "${raw}"`);
  if (integer && !Number.isInteger(v))
    throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  return v;
}

/** Typed reads of parsed flags with defaults and range checks. */
export class Flags {
  constructor(private readonly values: Map<string, FlagValue>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string, fallback: string): string {
    return (this.values.get(name) as string | undefined) ?? fallback;
  }

  /** A string that must be one of `choices`. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const v = this.string(name, fallback);
    if (!(choices as readonly string[]).includes(v))
      throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${v}"`);
    return v as T;
  }

  number(name: string, fallback: number, min: number, max: number): number {
    const v = (this.values.get(name) as number | undefined) ?? fallback;
    if (v < min || v > max) throw new UsageError(`--${name} must be in ${min}..${max}, got ${v}`);
    return v;
  }

  bool(name: string): boolean {
    return this.values.get(name) === true;
  }

  list(name: string): string[] {
    return (this.values.get(name) as string[] | undefined) ?? [];
  }
}

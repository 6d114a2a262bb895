/**
 * Reading a diffusers scheduler_config.json: typed values with clear errors naming the
 * key, and a record of the keys a port ignored (diffusers' ConfigMixin takes unknown keys
 * silently; we report them).
 */

/** A parsed scheduler_config.json (diffusers' `SchedulerMixin.from_config` input). */
export type DiffusersConfig = Readonly<Record<string, unknown>>;

/**
 * Reads typed values out of a config, throwing on a wrong type or value, and remembers
 * which keys it read: whatever is left (apart from `_`-prefixed metadata) is unsupported.
 */
export class ConfigReader {
  private readonly read = new Set<string>();
  private readonly ignored: string[] = [];

  constructor(
    readonly className: string,
    private readonly config: DiffusersConfig,
  ) {
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new Error(`${className}: config must be an object (a parsed scheduler_config.json)`);
    }
  }

  private raw(key: string): unknown {
    this.read.add(key);
    const v = this.config[key];
    return v === undefined ? undefined : v;
  }

  private fail(key: string, v: unknown, expected: string): never {
    throw new Error(
      `${this.className}: config.${key} must be ${expected}, got ${JSON.stringify(v)}`,
    );
  }

  num(
    key: string,
    def: number,
    check?: (v: number) => boolean,
    expected = 'a finite number',
  ): number {
    const v = this.raw(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'number' || !Number.isFinite(v) || (check && !check(v)))
      this.fail(key, v, expected);
    return v;
  }

  optionalNum(
    key: string,
    check?: (v: number) => boolean,
    expected = 'a finite number or null',
  ): number | null {
    const v = this.raw(key);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || (check && !check(v)))
      this.fail(key, v, expected);
    return v;
  }

  int(key: string, def: number, min = 0): number {
    return this.num(key, def, (v) => Number.isInteger(v) && v >= min, `an integer ≥ ${min}`);
  }

  bool(key: string, def: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'boolean') this.fail(key, v, 'true or false');
    return v;
  }

  choice<T extends string>(key: string, def: T, choices: readonly T[]): T {
    const v = this.raw(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
      this.fail(key, v, `one of ${choices.map((c) => `"${c}"`).join(', ')}`);
    }
    return v as T;
  }

  numArray(key: string): Float64Array | null {
    const v = this.raw(key);
    if (v === undefined || v === null) return null;
    if (
      !Array.isArray(v) ||
      v.length === 0 ||
      !v.every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      this.fail(key, v, 'a non-empty array of finite numbers or null');
    }
    return Float64Array.from(v as number[]);
  }

  /** A diffusers option this port implements only at its default: any other value is reported and ignored. */
  onlyDefault(key: string, def: unknown): void {
    const v = this.raw(key);
    if (v === undefined || v === null || v === def) return;
    this.ignored.push(key);
  }

  /** Keys the config holds that this scheduler ignored, with one warning line each. */
  report(): { unsupportedKeys: string[]; warnings: string[] } {
    const unsupportedKeys = [
      ...this.ignored,
      ...Object.keys(this.config).filter((k) => !k.startsWith('_') && !this.read.has(k)),
    ];
    const warnings = unsupportedKeys.map((k) =>
      this.ignored.includes(k)
        ? `${this.className}: config.${k} = ${JSON.stringify(this.config[k])} is not supported by this port; the default was used`
        : `${this.className}: config.${k} is not a supported ${this.className} option and was ignored`,
    );
    return { unsupportedKeys, warnings };
  }
}

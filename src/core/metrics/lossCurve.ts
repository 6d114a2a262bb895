/**
 * The loss curve of a training run, kept outside any UI: raw losses by step, their exponential
 * moving average with TensorBoard's debiasing (m_k = β·m_{k−1} + (1 − β)·x_k, shown as
 * m_k / (1 − β^k), so the first points are not pulled towards 0), and bucket means so that a
 * long run draws a few hundred points whatever its length.
 */
export class LossCurve {
  private raw = new Float32Array(1024);
  private smooth = new Float32Array(1024);
  private count = 0;
  private ema = 0;
  private finite = 0;
  /** The first step whose loss was NaN or infinite (training diverged), or −1. */
  divergedAt = -1;

  constructor(readonly smoothing = 0.98) {
    if (!(smoothing >= 0 && smoothing < 1))
      throw new Error(`smoothing must be in [0, 1), got ${smoothing}`);
  }

  get length(): number {
    return this.count;
  }

  /** Appends losses from `firstStep` on; a firstStep before the end (a reset) truncates first. */
  add(firstStep: number, losses: ArrayLike<number>): void {
    if (firstStep < this.count) this.truncate(firstStep);
    if (firstStep > this.count)
      throw new Error(`loss of step ${firstStep} arrived after step ${this.count - 1}`);
    this.reserve(this.count + losses.length);
    const b = this.smoothing;
    for (let i = 0; i < losses.length; i++) {
      const x = losses[i];
      if (Number.isFinite(x)) {
        this.ema = b * this.ema + (1 - b) * x;
        this.finite++;
      } else if (this.divergedAt < 0) this.divergedAt = this.count;
      this.raw[this.count] = x;
      this.smooth[this.count] = this.finite > 0 ? this.ema / (1 - b ** this.finite) : NaN;
      this.count++;
    }
  }

  /** The smoothed loss at the last step (NaN before any). */
  get latestSmoothed(): number {
    return this.count > 0 ? this.smooth[this.count - 1] : NaN;
  }

  /** Mean raw loss over steps [from, to) (clipped to the steps recorded). */
  meanRaw(from: number, to: number): number {
    return mean(this.raw.subarray(Math.max(0, from), Math.min(this.count, to)));
  }

  /**
   * At most `maxPoints` points: the mean step, raw loss and smoothed loss of equal buckets of
   * consecutive steps (one step per point while the run is short).
   */
  series(maxPoints: number): { step: Float64Array; raw: Float64Array; smooth: Float64Array } {
    const size = Math.max(1, Math.ceil(this.count / Math.max(1, maxPoints)));
    const n = Math.ceil(this.count / size);
    const out = {
      step: new Float64Array(n),
      raw: new Float64Array(n),
      smooth: new Float64Array(n),
    };
    for (let k = 0; k < n; k++) {
      const from = k * size;
      const to = Math.min(this.count, from + size);
      out.step[k] = (from + to - 1) / 2;
      out.raw[k] = mean(this.raw.subarray(from, to));
      out.smooth[k] = mean(this.smooth.subarray(from, to));
    }
    return out;
  }

  clear(): void {
    this.truncate(0);
  }

  private truncate(step: number): void {
    this.count = step;
    this.divergedAt = this.divergedAt >= step ? -1 : this.divergedAt;
    // Rebuild the average's state from the kept steps.
    this.ema = 0;
    this.finite = 0;
    const b = this.smoothing;
    for (let i = 0; i < step; i++) {
      if (!Number.isFinite(this.raw[i])) continue;
      this.ema = b * this.ema + (1 - b) * this.raw[i];
      this.finite++;
    }
  }

  private reserve(n: number): void {
    if (n <= this.raw.length) return;
    const size = Math.max(n, 2 * this.raw.length);
    const grow = (a: Float32Array) => {
      const b = new Float32Array(size);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.raw = grow(this.raw);
    this.smooth = grow(this.smooth);
  }
}

/** Arithmetic mean (NaN for no values; a NaN value makes it NaN). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length > 0 ? sum / values.length : NaN;
}

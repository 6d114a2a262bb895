import { useMemo } from 'react';
import { inspectDiffusersConfig, type ConfigInspection } from '../../core/diffusers/inspect';
import { SUPPORTED_SCHEDULERS } from '../../core/diffusers';

/** Stable Diffusion v1.5's published scheduler_config.json, as a starting point. */
export const EXAMPLE_CONFIG = `{
  "_class_name": "PNDMScheduler",
  "_diffusers_version": "0.6.0",
  "beta_end": 0.012,
  "beta_schedule": "scaled_linear",
  "beta_start": 0.00085,
  "num_train_timesteps": 1000,
  "set_alpha_to_one": false,
  "skip_prk_steps": true,
  "steps_offset": 1,
  "trained_betas": null,
  "clip_sample": false
}`;

export type ConfigResult = { ok: true; value: ConfigInspection } | { ok: false; error: string };

/** The config text's inspection at `steps` inference steps; failures become a message. */
export function useConfigInspection(text: string, steps: number): ConfigResult {
  return useMemo((): ConfigResult => {
    try {
      return { ok: true, value: inspectDiffusersConfig(text, steps) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }, [text, steps]);
}

/**
 * Paste a diffusers scheduler_config.json and see the exact timesteps the scheduler visits
 * at the chosen number of steps (core's fromDiffusersConfig), with the keys it ignored.
 */
export function DiffusersConfigPanel({
  text,
  onText,
  result,
  steps,
}: {
  text: string;
  onText(text: string): void;
  result: ConfigResult;
  steps: number;
}) {
  const shown = result.ok ? result.value : null;

  return (
    <section className="diffusers-panel" aria-label="diffusers scheduler config">
      <h2>diffusers scheduler_config.json</h2>
      <label className="control">
        <span className="control-label">
          Paste a config ({SUPPORTED_SCHEDULERS.length} classes: {SUPPORTED_SCHEDULERS.join(', ')})
        </span>
        <textarea
          data-testid="diffusers-config"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(e) => onText(e.target.value)}
        />
      </label>
      {!result.ok && (
        <p className="control-error" role="alert" data-testid="diffusers-error">
          {result.error}
        </p>
      )}
      {shown && (
        <div className="diffusers-result" data-testid="diffusers-result">
          <p>
            <strong>{shown.className}</strong>, {shown.numTrainTimesteps} training timesteps,{' '}
            {steps} inference steps → {shown.timesteps.length} model calls; x_T ={' '}
            {shown.initNoiseSigma.toPrecision(4)}·ε.
          </p>
          <p className="timestep-list" data-testid="diffusers-timesteps">
            {shown.timesteps.map((t) => +t.toFixed(3)).join(', ')}
          </p>
          <p data-testid="diffusers-unsupported">
            {shown.unsupportedKeys.length === 0
              ? 'Every key of the config is supported.'
              : `Unsupported keys (ignored): ${shown.unsupportedKeys.join(', ')}`}
          </p>
          {shown.warnings.length > 0 && (
            <ul className="diffusers-warnings">
              {shown.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

import type { ReactNode } from 'react';
import { BETA_SCHEDULES } from '../../core/schedules/betas';
import { SIGMA_GRID_KINDS } from '../../core/schedules/grid';
import { TIMESTEP_SPACINGS } from '../../core/schedules/spacing';
import { PROCESS_IDS, type ProcessId } from '../../core/scene/settings';
import type { ParamNameOf, Params } from '../../state/fields';
import { useStore } from '../../state/store';
import { TEX } from '../help';
import { ShiftControl } from '../playground/ShiftControl';
import { useHidden } from '../useHidden';
import { SelectControl } from './fields';

export const PROCESS_LABELS: Record<string, string> = {
  'vp-discrete': 'VP, discrete (DDPM, T = 1000)',
  vp: 'VP SDE',
  subvp: 'sub-VP SDE',
  ve: 'VE SDE',
  edm: 'EDM (σ(t) = t)',
  flow: 'Flow matching (rectified flow)',
};

type Option<V extends string> = V | { value: V; label: string };

/** A select bound to the URL field `field`, hidden by `hide=`; `tex` gives the chosen value's tooltip. */
function FieldSelect<K extends ParamNameOf<string>>({
  field,
  label,
  testId,
  options,
  tex,
  value,
  disabled,
  help,
}: {
  field: K;
  label: string;
  testId: string;
  options: readonly Option<Params[K]>[];
  tex: (value: Params[K]) => string | undefined;
  value?: Params[K];
  disabled?: boolean;
  help?: ReactNode;
}) {
  const current = useStore((s) => value ?? s.params[field]);
  const setParam = useStore((s) => s.setParam);
  const hidden = useHidden();
  if (hidden(field)) return null;
  return (
    <SelectControl
      label={label}
      tex={tex(current)}
      testId={testId}
      value={current}
      options={options}
      disabled={disabled}
      help={help}
      onChange={(v) => setParam(field, v)}
    />
  );
}

/** The noise process; `ids` narrows the menu and `value` stands in where a view maps the URL's process. */
export function ProcessSelect({
  label = 'Process',
  ids = PROCESS_IDS,
  value,
}: {
  label?: string;
  ids?: readonly ProcessId[];
  value?: ProcessId;
}) {
  return (
    <FieldSelect
      field="process"
      label={label}
      testId="process-select"
      options={ids.map((id) => ({ value: id, label: PROCESS_LABELS[id] }))}
      tex={(v) => TEX.process[v]}
      value={value}
    />
  );
}

/** The β schedule of the URL field `field` (the train view keeps its own, `tsched`). */
export function BetaScheduleSelect({
  field = 'schedule',
  label = 'β schedule',
  testId = 'schedule-select',
  tex,
}: {
  field?: 'schedule' | 'tsched';
  label?: string;
  testId?: string;
  tex?: string;
}) {
  return (
    <FieldSelect
      field={field}
      label={label}
      testId={testId}
      options={BETA_SCHEDULES}
      tex={(v) => tex ?? TEX.beta[v]}
    />
  );
}

/** How a discrete process's sampling steps pick timesteps (`disabled`, with `help` saying why). */
export function SpacingSelect({ disabled, help }: { disabled?: boolean; help?: ReactNode }) {
  return (
    <FieldSelect
      field="spacing"
      label="Timestep spacing"
      testId="spacing-select"
      options={TIMESTEP_SPACINGS}
      tex={(v) => TEX.spacing[v]}
      disabled={disabled}
      help={help}
    />
  );
}

/** The σ grid a continuous process's sampling steps follow. */
export function GridSelect() {
  return (
    <FieldSelect
      field="grid"
      label="σ grid"
      testId="grid-select"
      options={SIGMA_GRID_KINDS}
      tex={(v) => TEX.grid[v]}
    />
  );
}

/**
 * The process and how it is discretised: the flow's time shift, a discrete process's β schedule
 * and spacing, or a continuous one's σ grid. `forward` (noising only) leaves out the step grids.
 */
export function ProcessControls({ forward = false }: { forward?: boolean }) {
  const process = useStore((s) => s.params.process);
  const hidden = useHidden();
  const discrete = process === 'vp-discrete';
  return (
    <>
      <ProcessSelect />
      {process === 'flow' && !hidden('shift') && <ShiftControl />}
      {discrete && <BetaScheduleSelect />}
      {discrete && !forward && <SpacingSelect />}
      {!discrete && !forward && <GridSelect />}
    </>
  );
}

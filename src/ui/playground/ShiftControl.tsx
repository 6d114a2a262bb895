import { useStore } from '../../state/store';
import { NumberControl } from '../controls/fields';
import { FLOW_TEX } from '../flowHelp';

/** The flow process's time shift α (SD3 / Flux): more steps at high noise for α > 1. */
export function ShiftControl() {
  const shift = useStore((s) => s.params.shift);
  const setParam = useStore((s) => s.setParam);
  return (
    <NumberControl
      label="Time shift α"
      tex={FLOW_TEX.shift}
      testId="shift-input"
      value={shift}
      min={0.1}
      max={10}
      step={0.1}
      onChange={(v) => setParam('shift', v)}
    />
  );
}

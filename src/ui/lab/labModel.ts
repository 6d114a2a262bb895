import type { Model2d } from '../../worker/protocol';
import { EXACT_PANELS } from '../../core/lab/report';
import { MODEL_LABELS } from '../controls/DataControls';

/**
 * The lab's model choices: exact and the shipped networks always; 'trained' once the Train view
 * has produced or loaded one in this page (or while a link asks for it, so the menu shows it).
 */
export function labModelOptions(
  selected: Model2d,
  trainedLabel: string | null,
): { value: Model2d; label: string }[] {
  const models: Model2d[] = ['exact', 'mlp', 'fm'];
  if (trainedLabel !== null || selected === 'trained') models.push('trained');
  return models.map((m) => ({
    value: m,
    label:
      m === 'trained' && trainedLabel !== null
        ? `${MODEL_LABELS.trained}: ${trainedLabel}`
        : MODEL_LABELS[m],
  }));
}

/** What the panels ran on, in words (readout and report): e.g. "mlp-moons (diffusion MLP)". */
export function panelModelName(
  model: Model2d,
  dataset: string,
  trainedLabel: string | null,
): string {
  switch (model) {
    case 'exact':
      return EXACT_PANELS;
    case 'mlp':
      return `mlp-${dataset} (diffusion MLP)`;
    case 'fm':
      return `fm-${dataset} (flow-matching MLP)`;
    case 'reflow':
      return `fm-${dataset}-reflow1 (flow-matching MLP after one reflow)`;
    case 'distill':
    case 'consistency':
      return `${model} students for ${dataset} (they run in the playground views, with their own steps)`;
    case 'trained':
      return `network trained in this page${trainedLabel ? ` (${trainedLabel})` : ''}`;
  }
}

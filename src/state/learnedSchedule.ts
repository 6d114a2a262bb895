import { Slot } from './slot';

/** The learned log-SNR schedule of the train view's latest VDM run, for the schedule inspector. */
export interface LearnedSchedule {
  /** t ∈ [0, 1] and γ(t) = −log SNR(t) there. */
  t: number[];
  gamma: number[];
  /** Where it came from, e.g. "swissroll, step 400". */
  label: string;
}

export const learnedSchedule = new Slot<LearnedSchedule>();

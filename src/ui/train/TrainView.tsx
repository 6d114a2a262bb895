import { LESSONS } from '../../state/lessons';
import { useParam } from '../useParams';
import { SnapshotPlots } from './SnapshotPlots';
import { TrainCharts } from './TrainCharts';
import { TrainControls } from './TrainControls';
import { TrainToolbar } from './TrainToolbar';
import { WeightFiles } from './WeightFiles';
import { useTrainRun } from './useTrainRun';
import { VdmCharts } from './VdmCharts';
import './train.css';

const LESSON = LESSONS.find((l) => l.id === 'train-swissroll');

/**
 * Train in the browser: the 2D MLP learns a data set in the worker while the page shows the
 * loss, samples, score field and density, and where in time and space the network still
 * differs from the exact denoiser.
 */
export function TrainView() {
  const { start, control, settingsKey, ready } = useTrainRun();
  const mode = useParam('tmode');
  return (
    <div className="view-layout">
      <TrainControls />
      <section className="view-main" aria-label="Training">
        <TrainToolbar
          start={() => start()}
          control={control}
          settingsKey={settingsKey}
          ready={ready}
        />
        <SnapshotPlots />
        {mode === 'vdm' ? <VdmCharts /> : <TrainCharts />}
        <WeightFiles control={control} startFrom={start} />
        {LESSON && (
          <p className="train-note">
            Lesson: <a href={`#${LESSON.hash}`}>{LESSON.title}</a>. {LESSON.text}
          </p>
        )}
      </section>
    </div>
  );
}

import { useStore } from '../state/store';
import { BenchPanel } from './BenchPanel';
import { Header } from './Header';
import { Notices } from './Notices';
import { SelfTest } from './SelfTest';
import { ViewTabs } from './ViewTabs';
import { CompareView } from './playground/CompareView';
import { ForwardView } from './playground/ForwardView';
import { ReverseView } from './playground/ReverseView';
import {
  CourseView,
  DiscreteView,
  ImagesView,
  LabView,
  LatentView,
  ManifoldView,
  MeshView,
  PresentMode,
  ScheduleInspector,
  TrainView,
  ViewSuspense,
} from './lazyViews';
import { useHashSync } from './useHashSync';
import { LessonBanner } from './lessons/LessonBanner';
import { FirstVisit } from './intro/FirstVisit';
import { useWorker } from './useWorker';
import { WorkerContext } from './workerContext';

export function App() {
  useHashSync();
  const client = useWorker();
  const view = useStore((s) => s.params.view);
  const present = useStore((s) => s.params.present);
  return (
    <WorkerContext.Provider value={client}>
      <Header />
      <Notices />
      <ViewTabs />
      <LessonBanner />
      <FirstVisit />
      <main>
        {view === 'reverse' && <ReverseView />}
        {view === 'forward' && <ForwardView />}
        {view === 'compare' && <CompareView />}
        <ViewSuspense>
          {view === 'schedules' && <ScheduleInspector />}
          {view === 'lab' && <LabView />}
          {view === 'images' && <ImagesView />}
          {view === 'train' && <TrainView />}
          {view === 'mesh' && <MeshView />}
          {view === 'discrete' && <DiscreteView />}
          {view === 'manifold' && <ManifoldView />}
          {view === 'latent' && <LatentView />}
          {view === 'course' && <CourseView />}
        </ViewSuspense>
        <details className="diagnostics">
          <summary>Diagnostics</summary>
          <SelfTest />
        </details>
        <BenchPanel />
      </main>
      {present && <PresentMode />}
    </WorkerContext.Provider>
  );
}

import { lazy, Suspense, type ReactNode } from 'react';

/*
 * The views other than the 2D playground's are loaded on first use, each in its own chunk, so
 * the default page's JavaScript stays within docs/PERFORMANCE.md's budget. A deep link to one of
 * them loads its chunk at start.
 */
export const ScheduleInspector = lazy(() =>
  import('./schedules/ScheduleInspector').then((m) => ({ default: m.ScheduleInspector })),
);
export const LabView = lazy(() => import('./lab/LabView').then((m) => ({ default: m.LabView })));
export const ImagesView = lazy(() =>
  import('./images/ImagesView').then((m) => ({ default: m.ImagesView })),
);
export const TrainView = lazy(() =>
  import('./train/TrainView').then((m) => ({ default: m.TrainView })),
);
export const MeshView = lazy(() =>
  import('./mesh/MeshView').then((m) => ({ default: m.MeshView })),
);

export const DiscreteView = lazy(() =>
  import('./discrete/DiscreteView').then((m) => ({ default: m.DiscreteView })),
);
export const ManifoldView = lazy(() =>
  import('./manifold/ManifoldView').then((m) => ({ default: m.ManifoldView })),
);
export const LatentView = lazy(() =>
  import('./latent/LatentView').then((m) => ({ default: m.LatentView })),
);

export const CourseView = lazy(() =>
  import('./course/CourseView').then((m) => ({ default: m.CourseView })),
);

const PresentModeChunk = lazy(() =>
  import('./present/PresentMode').then((m) => ({ default: m.PresentMode })),
);
/** Presentation mode's strip and keys (present=1), in its own chunk. */
export function PresentMode() {
  return (
    <Suspense fallback={null}>
      <PresentModeChunk />
    </Suspense>
  );
}

/** Shown while a view's chunk loads. */
export function ViewSuspense({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="view-loading" role="status" data-testid="view-loading">
          Loading the view…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

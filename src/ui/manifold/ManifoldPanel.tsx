import { useEffect, useMemo, useRef } from 'react';
import type { ManifoldId } from '../../core/manifold/manifolds';
import { createGlobe, type Globe, type GlobeScene } from '../../viz/manifold/globe';
import { landFeature } from '../../viz/manifold/land';
import { createTorusSquare, type TorusSquare } from '../../viz/manifold/torusSquare';
import { useSetParam } from '../useParams';

const SIZE = 260;

/** One canvas: the globe (draggable, its centre in the URL) or the torus's periodic square. */
export function ManifoldPanel({
  manifold,
  scene,
  label,
  testId,
  onTurn,
}: {
  manifold: ManifoldId;
  scene: GlobeScene;
  label: string;
  testId: string;
  /** Dragging the globe: the new centre (default: the URL's mlon, mlat). */
  onTurn?: (lon: number, lat: number) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const view = useRef<Globe | TorusSquare | null>(null);
  const setParam = useSetParam();
  const land = useMemo(() => (manifold === 'sphere' ? landFeature() : null), [manifold]);
  const turn = useRef(onTurn);
  useEffect(() => {
    turn.current = onTurn;
  });

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    view.current = land
      ? createGlobe(canvas, land, (lon, lat) => {
          if (turn.current) return turn.current(lon, lat);
          setParam('mlon', lon);
          setParam('mlat', lat);
        })
      : createTorusSquare(canvas);
    return () => {
      view.current?.destroy();
      view.current = null;
    };
  }, [land, setParam]);

  useEffect(() => {
    view.current?.update(scene);
  });

  return (
    <canvas
      ref={ref}
      width={SIZE}
      height={SIZE}
      className="manifold-canvas"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-manifold={manifold}
      data-land={land ? 'drawn' : undefined}
      data-lon={scene.lon}
      data-lat={scene.lat}
      data-points={scene.points ? scene.points.length / (manifold === 'sphere' ? 3 : 2) : 0}
    />
  );
}

import { drag, geoGraticule10, geoOrthographic, geoPath, select } from 'd3';
import type { GeoPermissibleObjects } from 'd3';
import { resolveColor, themeColor } from '../theme';

/** What a globe draws: unit vectors (rows of 3) as dots, and tangent arrows at base points. */
export interface GlobeScene {
  /** Centre of the view, degrees. */
  lon: number;
  lat: number;
  data?: Float32Array | null;
  points?: Float32Array | null;
  color: string;
  arrows?: { base: Float32Array; vectors: Float32Array } | null;
}

export interface Globe {
  update(scene: GlobeScene): void;
  destroy(): void;
}

const DEG = 180 / Math.PI;

/**
 * An orthographic globe (d3-geo) on a canvas: ocean, graticule, land (Natural Earth, decoded by
 * the caller), data in grey, particles in the lane's colour and score arrows (each drawn as the
 * geodesic step along its direction, its length squashed as |v|/(|v| + median |v|)). Dragging
 * rotates it: `onRotate` gets the new centre, and the caller's next update draws it.
 */
export function createGlobe(
  canvas: HTMLCanvasElement,
  land: GeoPermissibleObjects,
  onRotate: (lon: number, lat: number) => void,
): Globe {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('globe: no 2D canvas context');
  const size = canvas.width;
  const projection = geoOrthographic()
    .scale(size / 2 - 3)
    .translate([size / 2, size / 2])
    .clipAngle(90);
  const path = geoPath(projection, ctx);
  let current: GlobeScene | null = null;

  const behaviour = drag<HTMLCanvasElement, unknown>().on(
    'drag',
    (event: { dx: number; dy: number }) => {
      if (!current) return;
      const k = 180 / (Math.PI * (size / 2));
      const lon = ((((current.lon - event.dx * k + 180) % 360) + 360) % 360) - 180;
      const lat = Math.max(-90, Math.min(90, current.lat + event.dy * k));
      onRotate(Math.round(lon * 10) / 10, Math.round(lat * 10) / 10);
    },
  );
  select(canvas).call(behaviour);

  const dots = (xs: Float32Array, color: string, radius: number, centre: number[]) => {
    ctx.fillStyle = color;
    for (let o = 0; o < xs.length; o += 3) {
      if (xs[o] * centre[0] + xs[o + 1] * centre[1] + xs[o + 2] * centre[2] <= 0) continue;
      const p = projection([Math.atan2(xs[o + 1], xs[o]) * DEG, Math.asin(xs[o + 2]) * DEG]);
      if (p) ctx.fillRect(p[0] - radius, p[1] - radius, 2 * radius, 2 * radius);
    }
  };

  const arrows = (base: Float32Array, vs: Float32Array, centre: number[]) => {
    const lengths: number[] = [];
    for (let o = 0; o < vs.length; o += 3) lengths.push(Math.hypot(vs[o], vs[o + 1], vs[o + 2]));
    const median = [...lengths].sort((a, b) => a - b)[lengths.length >> 1] || 1;
    ctx.strokeStyle = '#8a3ffc';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let i = 0; i < lengths.length; i++) {
      const o = 3 * i;
      if (base[o] * centre[0] + base[o + 1] * centre[1] + base[o + 2] * centre[2] <= 0.05) continue;
      const len = lengths[i];
      if (len === 0) continue;
      const step = (0.12 * len) / (len + median) / len;
      const tip = [0, 1, 2].map((d) => base[o + d] + step * vs[o + d]);
      const r = Math.hypot(tip[0], tip[1], tip[2]);
      const a = projection([Math.atan2(base[o + 1], base[o]) * DEG, Math.asin(base[o + 2]) * DEG]);
      const b = projection([Math.atan2(tip[1], tip[0]) * DEG, Math.asin(tip[2] / r) * DEG]);
      if (!a || !b) continue;
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.rect(b[0] - 1, b[1] - 1, 2, 2);
    }
    ctx.stroke();
  };

  return {
    update(scene) {
      current = scene;
      projection.rotate([-scene.lon, -scene.lat]);
      const phi = scene.lat / DEG;
      const lam = scene.lon / DEG;
      const centre = [Math.cos(phi) * Math.cos(lam), Math.cos(phi) * Math.sin(lam), Math.sin(phi)];
      const theme = (name: `--${string}`, fallback: string) => themeColor(canvas, name, fallback);
      ctx.clearRect(0, 0, size, size);
      ctx.beginPath();
      path({ type: 'Sphere' });
      ctx.fillStyle = theme('--viz-ocean', '#eef4fb');
      ctx.fill();
      ctx.beginPath();
      path(geoGraticule10());
      ctx.strokeStyle = theme('--viz-graticule', '#d5dde8');
      ctx.lineWidth = 0.5;
      ctx.stroke();
      ctx.beginPath();
      path(land);
      ctx.fillStyle = theme('--viz-land', '#d9d3c3');
      ctx.fill();
      ctx.strokeStyle = theme('--viz-coast', '#9c927a');
      ctx.stroke();
      if (scene.data)
        dots(scene.data, theme('--viz-points-faint', 'rgba(80, 80, 80, 0.45)'), 1, centre);
      if (scene.arrows) arrows(scene.arrows.base, scene.arrows.vectors, centre);
      if (scene.points) dots(scene.points, resolveColor(canvas, scene.color), 1.6, centre);
      ctx.beginPath();
      path({ type: 'Sphere' });
      ctx.strokeStyle = theme('--viz-ink', '#555');
      ctx.lineWidth = 1;
      ctx.stroke();
    },
    destroy() {
      select(canvas).on('.drag', null);
    },
  };
}

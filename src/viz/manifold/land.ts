import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import land110 from 'world-atlas/land-110m.json';

/** Natural Earth's 1:110m land (world-atlas, ISC; data public domain) as GeoJSON. */
export function landFeature() {
  const topology = land110 as unknown as Topology<{ land: GeometryCollection }>;
  return feature(topology, topology.objects.land);
}

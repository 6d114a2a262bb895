// The whole suite, in order: typecheck, lint, unit tests, browser e2e tests.
import { execSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npx tsc --noEmit -p .'],
  ['lint', 'npm run lint --silent'],
  ['unit tests', 'npx vitest run'],
  ['browser e2e tests', 'node scripts/e2e.mjs'],
];
for (const [name, cmd] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
  console.log(`=== ${name} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// Finds (or provisions) the Chromium the browser tests run in: a system Chromium where
// present (installed with apt on Debian as root), Playwright's own Chromium elsewhere.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

const findSystem = () => SYSTEM_CANDIDATES.find((p) => existsSync(p));

const isDebianRoot = () =>
  process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

/** Returns an executable path for a system Chromium, or undefined for Playwright's own. */
export function provisionChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  let found = findSystem();
  if (!found && isDebianRoot()) {
    console.log('Installing Debian chromium for the browser tests (apt-get install chromium)...');
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
      },
    );
    found = findSystem();
  }
  if (found) return found;
  console.log(
    "No system Chromium: installing Playwright's own (npx playwright install chromium)...",
  );
  execSync('npx playwright install chromium', { stdio: 'inherit' });
  return undefined;
}

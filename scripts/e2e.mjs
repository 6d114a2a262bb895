// Builds the app and runs the Playwright suite against the production build on 127.0.0.1.
import { execSync } from 'node:child_process';
import { provisionChromium } from './browser.mjs';

const chromium = provisionChromium();
const env = { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) };
const args = process.argv.slice(2).join(' ');
execSync('npx vite build --logLevel warn', { stdio: 'inherit', env });
execSync(`npx playwright test ${args}`, { stdio: 'inherit', env });

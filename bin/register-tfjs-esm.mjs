// For scripts run with `node --import tsx/esm --import ./bin/register-tfjs-esm.mjs`: see tfjs-esm-hooks.mjs.
import { register } from 'node:module';

register('./tfjs-esm-hooks.mjs', import.meta.url);

// Installs dependencies when missing, builds the production app and serves it on 127.0.0.1.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules')) execSync('npm ci', { stdio: 'inherit' });
execSync('npx vite build', { stdio: 'inherit' });
execSync('npx vite preview --host 127.0.0.1 --port 4173 --strictPort', { stdio: 'inherit' });

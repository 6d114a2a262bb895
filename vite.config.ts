import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { tfjsWasmThreads } from './scripts/vite-tfjs-wasm-threads.ts';

/**
 * The production Content-Security-Policy: scripts only from this origin and no eval
 * ('wasm-unsafe-eval' lets tfjs-wasm compile its WebAssembly, nothing else); no request leaves
 * the origin. KaTeX's markup carries style="…" attributes, so inline style attributes are
 * allowed, inline <style> and <script> elements are not. The dev server goes without (its
 * React refresh preamble is an inline script).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "style-src-elem 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Puts the policy in the built index.html (workers get it from the server's header, below). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which tfjs-wasm's
 * threads need; every server of the app sends these (static hosts: public/coi-service-worker.js).
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  base: './',
  worker: {
    format: 'es',
    plugins: () => [tfjsWasmThreads()],
    // tfjs carries ~1,000 licence banners; the licences are credited in the README instead.
    rolldownOptions: { output: { comments: { legal: false } } },
  },
  build: {
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: { comments: { legal: false } },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...ISOLATION_HEADERS },
  },
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
});

/**
 * tfjs-wasm's threads need a cross-origin-isolated page. The app's servers send COOP/COEP; where
 * a static host cannot, public/coi-service-worker.js adds them, and the page reloads once (per
 * tab session, so a browser that refuses never loops) to come under the worker's control.
 * Without either, the worker runs WASM on one thread and says why.
 */
const RELOADED = 'coi-service-worker-reloaded';

export function isolateWithServiceWorker(): void {
  if (window.crossOriginIsolated || !window.isSecureContext) return;
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('./coi-service-worker.js')
    // Reload only once the worker is active: a reload while it installs would not be controlled.
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      if (sessionStorage.getItem(RELOADED)) return;
      sessionStorage.setItem(RELOADED, '1');
      window.location.reload();
    })
    .catch(() => {
      // No service worker (blocked, or a private window): WASM stays on one thread, as the notice says.
    });
}

// Cross-origin isolation for static hosts that cannot send headers: this service worker adds
// COOP and COEP to every response of the app's own origin, so the page gets SharedArrayBuffer
// and tfjs-wasm its threads. Registered by src/ui/isolation.ts only when the page is not
// isolated already; the page reloads once to come under its control.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request).then((response) => {
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    }),
  );
});

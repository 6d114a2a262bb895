/**
 * Lets tfjs-wasm's threaded build run from a bundle under the app's strict CSP.
 *
 * tfjs-backend-wasm starts its pthreads from two blobs: the pthread worker script (a string it
 * ships) and the Emscripten glue, serialised with `factory.toString()`. After bundling and
 * minification that source is a closure whose free variables (Emscripten's `_scriptDir`, renamed
 * `e`) are no longer defined when a pthread evaluates it alone ("e is not defined"), and blob
 * workers need `blob:` in the CSP's worker-src and script-src. This plugin emits both scripts as
 * files of this origin, unminified, and wraps the threaded factory so Emscripten gets their URLs
 * (`mainScriptUrlOrBlob`, and `locateFile` for the `.worker.js`): the pthreads then load the
 * same code tfjs publishes, from 'self'.
 *
 * tfjs also caps XNNPACK's threads at navigator.hardwareConcurrency / 2 (it assumes two
 * hyper-threads per core), which leaves a 2-core machine one thread whatever setThreadsCount
 * asks. The app chooses the count itself (URL `threads=`), so the wrapper instantiates the module
 * with that import reporting the pool's size instead: the count asked for is the count used.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const FACTORY = 'tfjs-backend-wasm-threaded-simd.js';
const WRAPPED = '\0tfjs-wasm-threaded-factory';
const require = createRequire(import.meta.url);
/** Emscripten pthreads tfjs-wasm creates at start (its cc/BUILD's PTHREAD_POOL_SIZE). */
const PTHREAD_POOL = 8;
const wasmOut = (file: string) => require.resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${file}`);

/**
 * The pthread worker's source: tfjs ships it as a CommonJS string export whose string literals
 * hold raw newlines ("\n" decoded once too often); tfjs re-escapes them the same way.
 */
function pthreadWorkerSource(): string {
  const { wasmWorkerContents } = require(wasmOut('tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string;
  };
  return wasmWorkerContents.replace(/\n/g, '\\n');
}

export function tfjsWasmThreads(): Plugin {
  let serve = false;
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    resolveId(source, importer) {
      if (source.endsWith(`wasm-out/${FACTORY}`) && importer?.includes('tfjs-backend-wasm/dist'))
        return WRAPPED;
      return null;
    },
    load(id) {
      if (id !== WRAPPED) return null;
      const glue = serve
        ? JSON.stringify('/@tfjs-wasm/glue.js')
        : `import.meta.ROLLUP_FILE_URL_${this.emitFile({
            type: 'asset',
            name: FACTORY,
            source: readFileSync(wasmOut(FACTORY), 'utf8'),
          })}`;
      const pthread = serve
        ? JSON.stringify('/@tfjs-wasm/pthread.worker.js')
        : `import.meta.ROLLUP_FILE_URL_${this.emitFile({
            type: 'asset',
            name: 'tfjs-backend-wasm-threaded-simd.worker.js',
            source: pthreadWorkerSource(),
          })}`;
      return [
        `import factory from ${JSON.stringify(wasmOut(FACTORY))};`,
        `const glueUrl = ${glue};`,
        `const pthreadUrl = ${pthread};`,
        'export default function threadedFactory(config) {',
        '  const locate = config.locateFile;',
        '  config.mainScriptUrlOrBlob = glueUrl;',
        "  config.locateFile = (path, prefix) => path.endsWith('.worker.js') ? pthreadUrl : locate(path, prefix);",
        '  config.instantiateWasm = (imports, receive) => {',
        `  imports.env.emscripten_num_logical_cores = () => ${2 * PTHREAD_POOL};`,
        "    const url = config.locateFile('tfjs-backend-wasm-threaded-simd.wasm', '');",
        '    WebAssembly.instantiateStreaming(fetch(url), imports).then(',
        '      (r) => receive(r.instance, r.module),',
        '      (e) => config.onAbort(e),',
        '    );',
        '    return {};',
        '  };',
        '  return factory(config);',
        '}',
      ].join('\n');
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const body =
          req.url === '/@tfjs-wasm/glue.js'
            ? readFileSync(wasmOut(FACTORY), 'utf8')
            : req.url === '/@tfjs-wasm/pthread.worker.js'
              ? pthreadWorkerSource()
              : undefined;
        if (body === undefined) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(body);
      });
    },
  };
}

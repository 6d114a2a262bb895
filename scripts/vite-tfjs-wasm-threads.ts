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

/**
 * A worker-bundle plugin (vite.config.ts worker.plugins), so it acts on builds only: the dev
 * server runs tfjs unminified and without the CSP, where tfjs's own blobs work.
 */
export function tfjsWasmThreads(): Plugin {
  const asset = (
    ctx: { emitFile(file: { type: 'asset'; name: string; source: string }): string },
    name: string,
    source: string,
  ) => `import.meta.ROLLUP_FILE_URL_${ctx.emitFile({ type: 'asset', name, source })}`;
  return {
    name: 'tfjs-wasm-threads',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.endsWith(`wasm-out/${FACTORY}`) && importer?.includes('tfjs-backend-wasm/dist'))
        return WRAPPED;
      return null;
    },
    load(id) {
      if (id !== WRAPPED) return null;
      const glue = asset(this, FACTORY, readFileSync(wasmOut(FACTORY), 'utf8'));
      const pthread = asset(
        this,
        'tfjs-backend-wasm-threaded-simd.worker.js',
        pthreadWorkerSource(),
      );
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
  };
}

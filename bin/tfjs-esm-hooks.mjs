// Node resolve hook: tfjs-core's ES module files import their siblings without the ".js"
// extension (written for bundlers), which Node's ESM loader refuses; the gradients that
// tf.grad needs (register_all_gradients, used by the restoration solvers and the likelihood's
// Hutchinson estimator) load only through them. Retries such a relative import with ".js".
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const inTfjs = context.parentURL?.includes('/@tensorflow/');
    if (!inTfjs || !specifier.startsWith('.') || specifier.endsWith('.js')) throw e;
    return next(`${specifier}.js`, context);
  }
}

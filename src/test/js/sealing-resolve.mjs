// Module resolution hook for the tests: the sealer in src/main/web/src/sealing imports its npm
// packages by name, and in the tests they are installed here, in src/test/js/node_modules.
const here = new URL('./package.json', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (/^(@hpke\/[a-z0-9-]+|hash-wasm)$/.test(specifier)) {
    return next(specifier, { ...context, parentURL: here });
  }
  return next(specifier, context);
}

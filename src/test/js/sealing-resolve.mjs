// Module resolution hook for the tests: the sealer in src/main/web/src/sealing imports its npm
// packages by name, and they are installed with the page's script, in src/main/web/node_modules
// (npm ci --prefix src/main/web), the same lock file that builds the page's bundle.
const web = new URL('../../main/web/package.json', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (/^(@hpke\/[a-z0-9-]+|@noble\/[a-z0-9-]+(\/[a-z0-9.-]+)?|hash-wasm)$/.test(specifier)) {
    return next(specifier, { ...context, parentURL: web });
  }
  return next(specifier, context);
}

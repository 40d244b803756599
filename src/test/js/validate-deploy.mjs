// Checks of deploy/, run by DeployManifestTests:
//   node validate-deploy.mjs kubernetes <objects.json>   each object against the Kubernetes API's
//       schema for its apiVersion and kind (kubernetes-models, generated from the API's OpenAPI
//       document): types, enums, required fields. One line per object: "<source>: valid",
//       "<source>: invalid: ..." or "<source>: no schema" (a custom resource such as
//       CloudNativePG's, which kubernetes-models does not model).
//   node validate-deploy.mjs dockerfile <Dockerfile>   dockerfile-utils' linter (the one behind
//       the Dockerfile language server): one line per problem, then "N problems".
// Exits 1 when anything is invalid.
import { readFileSync } from 'node:fs';
import { validate as lintDockerfile } from 'dockerfile-utils';

const [mode, file] = process.argv.slice(2);
let failed = false;

if (mode === 'kubernetes') {
  const objects = JSON.parse(readFileSync(file, 'utf8'));
  for (const { source, object } of objects) {
    const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : [null, object.apiVersion];
    const path = `kubernetes-models/${group ? group + '/' : ''}${version}/${object.kind}`;
    let Model;
    try {
      Model = (await import(path))[object.kind];
    } catch (error) {
      if (error.code !== 'ERR_MODULE_NOT_FOUND' && error.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
    }
    if (!Model) {
      console.log(`${source}: no schema (${object.apiVersion} ${object.kind})`);
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`${source}: valid`);
    } catch (error) {
      failed = true;
      console.log(`${source}: invalid: ${String(error.message).replace(/\s+/g, ' ')}`);
    }
  }
} else if (mode === 'dockerfile') {
  const problems = lintDockerfile(readFileSync(file, 'utf8'));
  for (const problem of problems) {
    console.log(`line ${problem.range.start.line + 1}: ${problem.message}`);
  }
  console.log(`${problems.length} problems`);
  failed = problems.length > 0;
} else {
  console.log('usage: node validate-deploy.mjs kubernetes <objects.json> | dockerfile <Dockerfile>');
  failed = true;
}
process.exit(failed ? 1 : 0);

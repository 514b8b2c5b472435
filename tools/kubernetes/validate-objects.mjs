// Validates Kubernetes objects (a JSON array on stdin) against the schemas of kubernetes-models and
// @kubernetes-models/keda, and prints one `{ error }` per object (null when valid) as a JSON array.
// A separate Node process: both packages are ES modules only, which Jest's CommonJS runtime cannot load.
import { text } from 'node:stream/consumers';

const PACKAGES = { 'keda.sh': '@kubernetes-models/keda' };

async function modelOf({ apiVersion, kind }) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const module = await import(`${PACKAGES[group] ?? 'kubernetes-models'}/${apiVersion}`).catch(() => ({}));
  return module[kind];
}

const objects = JSON.parse(await text(process.stdin));
const results = [];
for (const object of objects) {
  const Model = await modelOf(object);
  if (!Model) {
    results.push({ error: `no schema for ${object.apiVersion} ${object.kind}` });
    continue;
  }
  try {
    new Model(object).validate();
    results.push({ error: null });
  } catch (error) {
    results.push({ error: error.message });
  }
}
process.stdout.write(JSON.stringify(results));

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as config from '@mintfax/config';
import type { ConfigSpec } from '@mintfax/config';

// deploy/kubernetes, checked without a cluster: every file is listed by its kustomization, every
// object validates against the Kubernetes and KEDA schemas, and the Deployments keep the promises
// of docs/deployment.md (probes, resources, drain, configuration, autoscaling).

const root = resolve(__dirname, '..', '..');
const manifests = join(root, 'deploy', 'kubernetes');
/** The apps of the one image, as the Dockerfile lists them for APP: each must be a Deployment. */
const APPS = (/^# APP is one of: (.+)$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))?.[1] ?? '').split(',').map((app) => app.trim());
/** What a fax-worker's shutdown may take (docs/operations.md "Metrics and health"): 5 minutes. */
const FAX_WORKER_DRAIN_SECONDS = 300;

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface Kustomization {
  resources?: string[];
  components?: string[];
  patches?: { path?: string }[];
}

interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { terminationGracePeriodSeconds?: number; containers: Container[] };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? yamlFiles(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : [],
  );
}

function load(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${relative(root, file)}: ${document.errors[0]?.message}`);
    return document.toJSON() as K8sObject;
  });
}

const kustomizationDirs = yamlFiles(manifests)
  .filter((file) => file.endsWith('/kustomization.yaml'))
  .map(dirname);
const kustomizationOf = (dir: string) => load(join(dir, 'kustomization.yaml'))[0] as Kustomization;

/** Every object the kustomizations deploy (patches excluded), with the file it comes from. */
const resources = kustomizationDirs.flatMap((dir) =>
  (kustomizationOf(dir).resources ?? [])
    .filter((entry) => entry.endsWith('.yaml'))
    .flatMap((entry) => load(join(dir, entry)).map((object) => ({ file: relative(manifests, join(dir, entry)), object }))),
);
const objectsOf = <T = K8sObject>(kind: string, under = '') =>
  resources.filter(({ file, object }) => object.kind === kind && file.startsWith(under)).map(({ object }) => object as unknown as T);
const deployments = objectsOf<K8sObject & { spec: { selector: { matchLabels: Record<string, string> }; template: PodTemplate } }>('Deployment', 'base/');
const deployment = (name: string) => deployments.find((d) => d.metadata.name === name);
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('deploy/kubernetes', () => {
  it('lists every file of each kustomization directory in its kustomization.yaml, and only files that exist', () => {
    expect(kustomizationDirs.map((dir) => relative(manifests, dir)).sort()).toEqual(['base', 'components/hpa-cpu', 'components/keda', 'overlays/example']);
    for (const dir of kustomizationDirs) {
      const kustomization = kustomizationOf(dir);
      const entries = [...(kustomization.resources ?? []), ...(kustomization.patches ?? []).flatMap(({ path }) => (path ? [path] : []))];
      const listedFiles = entries.filter((entry) => !entry.startsWith('..')).sort();
      const files = readdirSync(dir).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml').sort();
      expect({ dir: relative(manifests, dir), files: listedFiles }).toEqual({ dir: relative(manifests, dir), files });
      for (const other of [...entries, ...(kustomization.components ?? [])].filter((entry) => entry.startsWith('..'))) {
        expect(existsSync(join(dir, other, 'kustomization.yaml'))).toBe(true);
      }
    }
  });

  it('validates every object against the Kubernetes and KEDA schemas', () => {
    const answer = execFileSync(process.execPath, [join(__dirname, 'validate-objects.mjs')], { input: JSON.stringify(resources.map(({ object }) => object)) });
    const results = JSON.parse(answer.toString()) as { error: string | null }[];
    const problems = resources.flatMap(({ file, object }, i) => (results[i]?.error ? [`${file} ${object.kind}/${object.metadata.name}: ${results[i]?.error}`] : []));
    expect(problems).toEqual([]);
    expect(resources.map(({ object }) => object.kind)).toEqual(expect.arrayContaining(['Deployment', 'Service', 'PodDisruptionBudget', 'Job', 'ConfigMap', 'ScaledObject']));
  });

  it("reads the image's apps from the Dockerfile", () => {
    expect(APPS).toEqual(expect.arrayContaining(['api-gateway', 'fax-worker', 'webhook-dispatcher']));
  });

  it.each(APPS)('runs %s from the one image, with probes on /healthz and /readyz, requests and limits', (app) => {
    const found = deployment(app);
    expect(found).toBeDefined();
    const { template } = found?.spec ?? ({} as never);
    const [container, ...others] = template.spec.containers;
    expect(others).toEqual([]);
    expect(container.image).toBe('mintfax');
    expect(container.env).toContainEqual({ name: 'APP', value: app });
    expect(matches(found?.spec.selector.matchLabels ?? {}, template.metadata.labels)).toBe(true);
    const port = container.ports?.[0]?.name;
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port });
    for (const bound of ['requests', 'limits'] as const) expect(Object.keys(container.resources?.[bound] ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(app === 'fax-worker' ? FAX_WORKER_DRAIN_SECONDS : 30);
  });

  it('gives every app a Service and a PodDisruptionBudget selecting its pods', () => {
    for (const app of APPS) {
      const labels = deployment(app)?.spec.template.metadata.labels ?? {};
      const service = objectsOf<K8sObject & { spec: { selector: Record<string, string> } }>('Service').find((s) => s.metadata.name === app);
      const budget = objectsOf<K8sObject & { spec: { selector: { matchLabels: Record<string, string> } } }>('PodDisruptionBudget').find((b) => b.metadata.name === app);
      expect({ app, service: service && matches(service.spec.selector, labels), budget: budget && matches(budget.spec.selector.matchLabels, labels) }).toEqual({ app, service: true, budget: true });
    }
  });

  it('migrates with the one image before the apps, from the same Secret', () => {
    const [job] = objectsOf<K8sObject & { spec: { template: PodTemplate } }>('Job');
    const [container] = job?.spec.template.spec.containers ?? [];
    expect(container).toMatchObject({ image: 'mintfax', command: ['node', 'dist/tools/migrate.js'] });
    expect(container?.env?.[0]?.valueFrom?.secretKeyRef).toEqual({ name: 'mintfax-secrets', key: 'DATABASE_URL' });
  });

  it('configures the apps from the ConfigMap and the Secret with variables the apps know', () => {
    const specs = Object.entries(config).filter(([name]) => name.endsWith('ConfigSpec')).map(([, spec]) => spec as ConfigSpec);
    const known = new Set(specs.flatMap((spec) => Object.values(spec).map(({ env }) => env)));
    const configMaps = objectsOf('ConfigMap');
    expect(configMaps.map(({ metadata }) => metadata.name)).toEqual(['mintfax-config']);
    const [secret] = objectsOf('Secret', 'overlays/example/');
    const patchedConfig = load(join(manifests, 'overlays', 'example', 'config.yaml'))[0];
    const variables = [...Object.keys(configMaps[0]?.data ?? {}), ...Object.keys(patchedConfig?.data ?? {}), ...Object.keys(secret?.stringData ?? {})];
    for (const { spec } of deployments) {
      const [container] = spec.template.spec.containers;
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'mintfax-config' } }]);
      for (const { name, valueFrom } of container.env ?? []) {
        if (name !== 'APP') variables.push(name);
        const ref = valueFrom?.secretKeyRef;
        if (ref) expect({ name, secret: ref.name, inExample: ref.optional || ref.key in (secret?.stringData ?? {}) }).toEqual({ name, secret: 'mintfax-secrets', inExample: true });
      }
    }
    expect(variables.filter((name) => !known.has(name))).toEqual([]);
  });

  it('scales the fax-worker and the webhook-dispatcher on their queue depth with KEDA, or on CPU without it', () => {
    const scaled = objectsOf<K8sObject & { spec: { scaleTargetRef: { name: string }; minReplicaCount: number; triggers: { metadata: { query: string } }[] } }>(
      'ScaledObject',
      'components/keda/',
    );
    const queues = { 'fax-worker': 'fax-dispatch', 'webhook-dispatcher': 'webhook-delivery' };
    expect(scaled.map(({ spec }) => [spec.scaleTargetRef.name, spec.triggers[0]?.metadata.query.match(/queue="([^"]+)"/)?.[1]])).toEqual(Object.entries(queues));
    for (const { spec } of scaled) {
      expect(deployment(spec.scaleTargetRef.name)).toBeDefined();
      expect(spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    }
    const fallback = objectsOf<K8sObject & { spec: { scaleTargetRef: { name: string } } }>('HorizontalPodAutoscaler', 'components/hpa-cpu/');
    expect(fallback.map(({ spec }) => spec.scaleTargetRef.name)).toEqual(Object.keys(queues));
  });
});

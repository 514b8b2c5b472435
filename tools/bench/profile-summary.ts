// `node dist/tools/bench/profile-summary.js <file.cpuprofile> [--top 40]`: where a CPU profile's time
// went, as self time per package (node_modules/<name>, our libs and apps, node's internals, GC, idle)
// and per function. Profiles come from BENCH_PROFILE_DIR (see support.ts) or `node --cpu-prof`.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function owner(url: string, name: string): string {
  if (name === '(garbage collector)' || name === '(idle)' || name === '(program)') return name;
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1];
  const ours = url.match(/dist\/((?:apps|libs|tools)\/[^/]+)/);
  if (ours) return ours[1];
  if (url.startsWith('node:') || url === '') return 'node (internals and native)';
  return url;
}

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: node dist/tools/bench/profile-summary.js <file.cpuprofile> [--top N]');
const top = rest[0] === '--top' ? Number(rest[1]) : 40;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
const busy = total - [...selfMicros].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
const packages = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const pkg = owner(url, functionName);
  packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*dist\//, '')}:${lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + micros);
}
const share = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
console.log(`${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of busy time)\n`);
console.log('self time per package');
for (const [pkg, micros] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) if (pkg !== '(idle)') console.log(`  ${share(micros)}  ${pkg}`);
console.log('\nself time per function');
for (const [fn, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) if (!fn.startsWith('(idle)')) console.log(`  ${share(micros)}  ${fn}`);

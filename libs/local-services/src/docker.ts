import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Endpoint = { socketPath: string } | { host: string; port: number };

/** The places Testcontainers itself looks for an engine, in its order. */
function candidates(): Endpoint[] {
  const hosts = [process.env.DOCKER_HOST, propertiesDockerHost()].filter((h): h is string => Boolean(h));
  const endpoints = hosts.flatMap((host): Endpoint[] => {
    if (host.startsWith('unix://')) return [{ socketPath: host.slice('unix://'.length) }];
    const tcp = /^(?:tcp|http|https):\/\/([^:/]+)(?::(\d+))?/.exec(host);
    return tcp ? [{ host: tcp[1] as string, port: Number(tcp[2] ?? 2375) }] : [];
  });
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const sockets = [
    '/var/run/docker.sock',
    process.env.XDG_RUNTIME_DIR && join(process.env.XDG_RUNTIME_DIR, 'docker.sock'),
    uid !== undefined && `/run/user/${uid}/docker.sock`,
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
  ].filter((s): s is string => typeof s === 'string' && existsSync(s));
  return [...endpoints, ...sockets.map((socketPath) => ({ socketPath }))];
}

function propertiesDockerHost(): string | undefined {
  const file = join(homedir(), '.testcontainers.properties');
  if (!existsSync(file)) return undefined;
  return /^docker\.host\s*=\s*(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim();
}

function answersPing(endpoint: Endpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ ...endpoint, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      // A TLS-protected TCP engine answers plain HTTP with 400; it is there all the same.
      resolve(res.statusCode === 200 || 'host' in endpoint);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

/**
 * Whether a Docker engine answers, decided in at most `timeoutMs`: a `docker` CLI or a dead
 * socket file proves nothing, and asking Testcontainers directly can take far longer to give up.
 * `MINTFAX_TEST_SERVICES=embedded|containers` settles it without probing.
 */
export async function dockerAnswers(timeoutMs = 2_000): Promise<boolean> {
  const forced = process.env.MINTFAX_TEST_SERVICES;
  if (forced === 'embedded') return false;
  if (forced === 'containers') return true;
  const probes = candidates().map((endpoint) => answersPing(endpoint, timeoutMs));
  if (probes.length === 0) return false;
  return (await Promise.all(probes)).some(Boolean);
}

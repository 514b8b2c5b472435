import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CommonConfig } from '@mintfax/config';
import { createHttpApp } from './http';
import { createLogger } from './logger';
import type { AppRuntime } from './runtime';
import { Metrics } from './service/metrics';

export interface StartAppOptions {
  /** The billing app verifies Stripe signatures over the exact bytes received. */
  rawBody?: boolean;
  bodyLimitBytes?: number;
  /** See HttpAppOptions.trustedProxies. */
  trustedProxies?: readonly string[];
  /** See HttpAppOptions.multipartFileLimitBytes. */
  multipartFileLimitBytes?: number;
}

/** Builds the app, listens, and says where. SIGTERM drains HTTP and lets workers finish. */
export async function startApp(
  name: string,
  config: CommonConfig & { port: number },
  rootModule: (runtime: AppRuntime) => DynamicModule,
  options: StartAppOptions = {},
): Promise<NestFastifyApplication> {
  const runtime: AppRuntime = { logger: createLogger(name, config.logLevel), metrics: new Metrics(name) };
  const app = await createHttpApp(rootModule(runtime), { ...options, ...runtime, docsBaseUrl: config.docsBaseUrl });
  await app.listen({ port: config.port, host: config.host });
  runtime.logger.info({ url: await app.getUrl() }, `${name} listening`);
  return app;
}

/** Runs an app's entry point; a failure to start is one line on stderr and exit code 1. */
export function runMain(name: string, main: () => Promise<unknown>): void {
  main().catch((error: Error) => {
    process.stderr.write(`${name}: failed to start: ${error.message}\n`);
    process.exit(1);
  });
}

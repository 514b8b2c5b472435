import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { AppRuntime } from '../runtime';
import { HealthController } from './health.controller';
import { Metrics } from './metrics';

export const LOGGER = Symbol('LOGGER');

/** What every app serves besides its own work (`/healthz`, `/readyz`, `/metrics`), and its logger. */
@Global()
@Module({})
export class ServiceModule {
  static forRoot({ logger, metrics }: AppRuntime): DynamicModule {
    return {
      module: ServiceModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: Metrics, useValue: metrics },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [Metrics, LOGGER],
    };
  }
}

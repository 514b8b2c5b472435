import type { Environment, PoolBalance } from './api-types';
import { unwrap, type ApiClient } from './transport';

/** The environment of the key: its settings and its credit pool. */
export class CurrentEnvironment {
  constructor(private readonly api: ApiClient) {}

  get(): Promise<Environment> {
    return unwrap(this.api.GET('/v1/environment'));
  }

  balance(): Promise<PoolBalance> {
    return unwrap(this.api.GET('/v1/environment/balance'));
  }
}

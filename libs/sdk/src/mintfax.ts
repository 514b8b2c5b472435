import { CurrentEnvironment } from './environment';
import { Events } from './events';
import { Faxes } from './faxes';
import { createApiClient, type ApiClient, type ClientOptions } from './transport';
import { webhooks } from './webhooks';

/**
 * The mintfax API with an environment key (`mfx_test_…` or `mfx_live_…`):
 * `const mintfax = new Mintfax(process.env.MINTFAX_KEY, { baseUrl: 'https://fax.example.com' })`.
 */
export class Mintfax {
  readonly faxes: Faxes;
  readonly events: Events;
  readonly environment: CurrentEnvironment;
  /** Verifying (and signing) deliveries needs no key; also exported on its own as `webhooks`. */
  readonly webhooks = webhooks;
  /** The typed openapi-fetch client underneath, for routes the layer above does not cover. */
  readonly api: ApiClient;

  constructor(key: string, options: ClientOptions = {}) {
    if (!key) throw new TypeError('new Mintfax(key): an API key (mfx_test_… or mfx_live_…) is required.');
    this.api = createApiClient(key, options);
    this.faxes = new Faxes(this.api);
    this.events = new Events(this.api);
    this.environment = new CurrentEnvironment(this.api);
  }
}

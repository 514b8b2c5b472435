import { Injectable, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SURFACE_EXTENSION, surfaceForPath, type RouteSurface } from '../auth/route-surface';

const SECURITY: Record<RouteSurface, OpenAPIObject['security']> = {
  public: [],
  account: [{ account_key: [] }],
  operational: [{ environment_key: [] }],
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document of every route of the app, built once on first use (after every module,
 * including ones added later, has registered its controllers). Each operation carries its surface
 * in `x-mintfax-surface` and the matching security requirement.
 */
@Injectable()
export class OpenApiDocument {
  private app?: INestApplication;
  private document?: OpenAPIObject;

  /** Called by the bootstrap once the app exists: Nest does not inject the application itself. */
  attach(app: INestApplication): void {
    this.app = app;
  }

  get(): OpenAPIObject {
    if (!this.app) throw new Error('OpenApiDocument used before the application was attached.');
    this.document ??= buildDocument(this.app);
    return this.document;
  }
}

function buildDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('mintfax API')
    .setDescription('Send faxes through a developer API. Errors use one envelope; see /docs/errors.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An environment key: mfx_test_… or mfx_live_…' }, 'environment_key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An account key: mfx_acct_…' }, 'account_key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as (Record<string, unknown> & { security?: OpenAPIObject['security'] }) | undefined;
      if (!operation) continue;
      // Routes nobody marked fall back to the path rule, exactly as the guards decide.
      const surface = (operation[SURFACE_EXTENSION] as RouteSurface | undefined) ?? surfaceForPath(path);
      operation[SURFACE_EXTENSION] = surface;
      operation.security = SECURITY[surface];
    }
  }
  return document;
}

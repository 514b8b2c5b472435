import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { surfaceOf, type RouteSurface } from '../../src/auth/route-surface';

export interface AppRoute {
  method: string;
  /** As Nest registers it, params as `:id`. */
  path: string;
  surface: RouteSurface;
  /** Left out of the OpenAPI document on purpose (`@ApiExcludeController` / `@ApiExcludeEndpoint`). */
  undocumented: boolean;
}

/**
 * Every route the running app serves, read from Nest's own controller metadata, each with the
 * surface the guards will apply: routes added by any module later are listed without a change here.
 */
export function listRoutes(app: INestApplication): AppRoute[] {
  const reflector = app.get(Reflector);
  const routes: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const controller = metatype as new (...args: never[]) => object;
      const prefixes = asArray(Reflect.getMetadata(PATH_METADATA, controller));
      const controllerExcluded = Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, controller)?.[0] === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (requestMethod === undefined) continue;
        const undocumented = controllerExcluded || Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, handler)?.disable === true;
        for (const prefix of prefixes) {
          for (const suffix of asArray(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = `/${[prefix, suffix].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            routes.push({ method: RequestMethod[requestMethod], path, surface: surfaceOf(reflector, handler, controller, path), undocumented });
          }
        }
      }
    }
  }
  return routes;
}

function asArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [value === undefined ? '' : String(value)];
}

import { JSON_TOO_DEEP } from '@mintfax/errors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Deeper than any body the API takes (a Stripe event is under ten): validators recurse, so a deep body is refused first. */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether the JSON text nests past `limit`; a body with fewer opening brackets than that is passed after two native scans. */
export function jsonNestsDeeperThan(body: Buffer, limit: number): boolean {
  let opening = 0;
  for (const bracket of [OPEN_OBJECT, OPEN_ARRAY]) {
    for (let at = body.indexOf(bracket); at !== -1 && opening <= limit; at = body.indexOf(bracket, at + 1)) opening += 1;
  }
  if (opening <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth -= 1;
  }
  return false;
}

/** JSON bodies are parsed by Fastify's own parser (prototype-poisoning checks kept), once their depth is known to be sane. */
export function limitJsonDepth(app: NestFastifyApplication, bodyLimit: number | undefined): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { ...(bodyLimit !== undefined && { bodyLimit }) }, (request, body, done) => {
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(Object.assign(new Error(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`), { code: JSON_TOO_DEEP, statusCode: 400 }), undefined);
      return;
    }
    parse(request as never, body as unknown as string, done);
  });
}

/** The API speaks JSON: a form-encoded body is the client's mistake (400), not fields to validate. */
export function refuseFormBodies(app: NestFastifyApplication): void {
  app.useBodyParser('application/x-www-form-urlencoded', {}, (_request, _body, done) => {
    done(Object.assign(new Error('Form-encoded bodies are not accepted.'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), undefined);
  });
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The interceptor puts the request's Idempotency-Key here once it holds the claim on it. */
export type IdempotentRequest = { idempotencyKey?: string };

/** `@IdempotencyKey() key: string | undefined`: the claimed key, for work that records it beside what it creates. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => ctx.switchToHttp().getRequest<IdempotentRequest>().idempotencyKey,
);

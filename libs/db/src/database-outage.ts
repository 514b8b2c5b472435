import { Prisma } from './generated/prisma/client';

/** Prisma's own codes for a server it cannot reach, that timed out, or that closed the connection. */
const UNREACHABLE_CODES = new Set(['P1001', 'P1002', 'P1017']);

/** What @prisma/adapter-pg reports (in `meta.driverAdapterError.cause.kind`) for a refused, reset or timed-out socket. */
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);

/**
 * SQLSTATEs of a server that cannot serve us now: class 08 (connection exception), a server
 * shutting down or starting up (57P01–57P03), no connection slot left (53300).
 */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** pg's errors for a connection lost under a transaction's client, which the adapter passes through as they are. */
const PG_CONNECTION_LOST = new Set([
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
  'Connection terminated due to connection timeout',
]);

/** Socket errors of the pool beneath Prisma, which queryRows uses directly. */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * Whether `error` says Postgres could not be reached (refused, reset, shutting down), as opposed
 * to a statement that failed on its own (a bug, a constraint): the first is worth waiting out.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (UNREACHABLE_CODES.has(error.code)) return true;
    const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string; originalCode?: string } } | undefined)?.cause;
    return UNREACHABLE_KINDS.has(cause?.kind ?? '') || UNREACHABLE_SQLSTATE.test(cause?.originalCode ?? '');
  }
  // Socket errors come from node's own realm: not `instanceof Error` where tests run in a sandbox.
  const { message, code } = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; code?: unknown };
  if (typeof message === 'string' && PG_CONNECTION_LOST.has(message)) return true;
  return typeof code === 'string' && (SOCKET_ERRORS.has(code) || UNREACHABLE_SQLSTATE.test(code));
}

const FIRST_WAIT_MS = 250;
const MAX_WAIT_MS = 5_000;

/**
 * Runs `write` until it gets through, waiting out an unreachable database (250 ms doubling to 5 s)
 * for at most `forMs`; any other error, or the outage's once the time is up, is thrown. `write`
 * must be safe to run again: a reset may hide a commit.
 */
export async function retryWhileDatabaseUnreachable<T>(write: () => Promise<T>, forMs: number): Promise<T> {
  const deadline = Date.now() + forMs;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnreachable(error) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@mintfax/db';

const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

export type Claim =
  | { kind: 'claimed'; id: bigint }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reuse' }
  | { kind: 'in_progress' };

/** API.md "Idempotency": one record per (scope, key), claimed atomically by the first request. */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly prisma: PrismaService) {}

  async claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    for (let round = 0; round < 2; round += 1) {
      // The unique (scope, key) index decides the race: exactly one concurrent request inserts.
      const inserted = await this.prisma.$queryRaw<{ id: bigint }[]>`
        INSERT INTO idempotency_records (scope, key, request_hash) VALUES (${scope}, ${key}, ${requestHash})
        ON CONFLICT (scope, key) DO NOTHING RETURNING id`;
      if (inserted[0]) return { kind: 'claimed', id: inserted[0].id };
      const existing = await this.prisma.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
      if (!existing) continue; // abandoned between our two statements: claim again
      if (Date.now() - existing.createdAt.getTime() > REPLAY_WINDOW_MS) {
        // Past the 24 h window the key is free again; housekeeping may not have removed it yet.
        await this.prisma.idempotencyRecord.deleteMany({ where: { id: existing.id, createdAt: existing.createdAt } });
        continue;
      }
      if (existing.requestHash !== requestHash) return { kind: 'reuse' };
      if (existing.status === 'in_progress') return { kind: 'in_progress' };
      return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody };
    }
    return { kind: 'in_progress' };
  }

  async complete(id: bigint, status: number, body: unknown): Promise<void> {
    await this.prisma.idempotencyRecord.update({
      where: { id },
      data: { status: 'completed', responseStatus: status, responseBody: (body ?? null) as Prisma.InputJsonValue, completedAt: new Date() },
    });
  }

  /** A failed request is not stored: the client may retry it with the same key. */
  async abandon(id: bigint): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { id } });
  }
}

import type { EnvironmentType, Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { ulid } from 'ulid';

/** Per-environment settings (docs/api/routes.md "Account (api-gateway)"); the database holds the defaults. */
export interface EnvironmentSettings {
  retentionDays: number;
  zeroFootprint: boolean;
  maxAttempts: number;
}

export const ENVIRONMENT_FIELDS = {
  id: true,
  name: true,
  type: true,
  retentionDays: true,
  zeroFootprint: true,
  maxAttempts: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.EnvironmentSelect;

export type EnvironmentRow = Prisma.EnvironmentGetPayload<{ select: typeof ENVIRONMENT_FIELDS }>;

/** An environment with its settings, flat, in the names the create and update bodies use. */
export interface EnvironmentObject {
  id: string;
  name: string;
  type: EnvironmentType;
  retention_days: number;
  zero_footprint: boolean;
  max_attempts: number;
  created_at: string;
  updated_at: string;
}

export function toEnvironmentObject(row: EnvironmentRow): EnvironmentObject {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    retention_days: row.retentionDays,
    zero_footprint: row.zeroFootprint,
    max_attempts: row.maxAttempts,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The settings a create or update body sent, by their API names; the others keep their values. */
export function settingsOf(body: { retention_days?: number | null; zero_footprint?: boolean | null; max_attempts?: number | null }): Partial<EnvironmentSettings> {
  return {
    ...(body.retention_days != null && { retentionDays: body.retention_days }),
    ...(body.zero_footprint != null && { zeroFootprint: body.zero_footprint }),
    ...(body.max_attempts != null && { maxAttempts: body.max_attempts }),
  };
}

export function createEnvironment(
  tx: Prisma.TransactionClient,
  { accountId, name, type, settings = {} }: { accountId: string; name: string; type: EnvironmentType; settings?: Partial<EnvironmentSettings> },
): Promise<EnvironmentRow> {
  return tx.environment.create({ data: { id: `env_${ulid()}`, accountId, name, type, ...settings }, select: ENVIRONMENT_FIELDS });
}

export function listEnvironments(db: Prisma.TransactionClient, accountId: string): Promise<EnvironmentRow[]> {
  return db.environment.findMany({ where: { accountId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: ENVIRONMENT_FIELDS });
}

export async function getEnvironment(db: Prisma.TransactionClient, { accountId, environmentId }: { accountId: string; environmentId: string }): Promise<EnvironmentRow> {
  const environment = await db.environment.findFirst({ where: { id: environmentId, accountId }, select: ENVIRONMENT_FIELDS });
  // Another account's environment answers exactly like a missing one.
  if (!environment) throw new ApiError('not_found', { id: environmentId });
  return environment;
}

/** Name and settings only: an environment's type is fixed for life. */
export async function updateEnvironment(
  db: Prisma.TransactionClient,
  { accountId, environmentId, changes }: { accountId: string; environmentId: string; changes: Partial<EnvironmentSettings> & { name?: string } },
): Promise<EnvironmentRow> {
  const { count } = await db.environment.updateMany({ where: { id: environmentId, accountId }, data: changes });
  if (count === 0) throw new ApiError('not_found', { id: environmentId });
  return getEnvironment(db, { accountId, environmentId });
}

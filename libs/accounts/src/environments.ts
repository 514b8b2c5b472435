import type { CoverTemplate, EnvironmentType, PageSize, Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { ulid } from '@mintfax/db';

/** Per-environment settings (docs/api/routes.md "Account (api-gateway)"); the database holds the defaults. */
export interface EnvironmentSettings {
  retentionDays: number;
  zeroFootprint: boolean;
  maxAttempts: number;
  pageSize: PageSize;
  coverPage: CoverTemplate;
  /** Printed on cover pages. */
  senderName: string | null;
  senderCompany: string | null;
  senderFax: string | null;
}

export const ENVIRONMENT_FIELDS = {
  id: true,
  name: true,
  type: true,
  retentionDays: true,
  zeroFootprint: true,
  maxAttempts: true,
  pageSize: true,
  coverPage: true,
  senderName: true,
  senderCompany: true,
  senderFax: true,
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
  page_size: PageSize;
  cover_page: CoverTemplate;
  /** Printed on cover pages. */
  sender: { name: string | null; company: string | null; fax: string | null };
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
    page_size: row.pageSize,
    cover_page: row.coverPage,
    sender: { name: row.senderName, company: row.senderCompany, fax: row.senderFax },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** A create or update body's settings, by their API names. */
export interface EnvironmentSettingsBody {
  retention_days?: number | null;
  zero_footprint?: boolean | null;
  max_attempts?: number | null;
  page_size?: PageSize | null;
  cover_page?: CoverTemplate | null;
  /** Each field may be cleared with null (or an empty name); a field not sent is kept. */
  sender?: { name?: string | null; company?: string | null; fax?: string | null } | null;
}

/** The settings a create or update body sent, by their API names; the others keep their values. */
export function settingsOf(body: EnvironmentSettingsBody): Partial<EnvironmentSettings> {
  const sender = body.sender;
  return {
    ...(body.retention_days != null && { retentionDays: body.retention_days }),
    ...(body.zero_footprint != null && { zeroFootprint: body.zero_footprint }),
    ...(body.max_attempts != null && { maxAttempts: body.max_attempts }),
    ...(body.page_size != null && { pageSize: body.page_size }),
    ...(body.cover_page != null && { coverPage: body.cover_page }),
    ...(sender?.name !== undefined && { senderName: sender.name || null }),
    ...(sender?.company !== undefined && { senderCompany: sender.company || null }),
    ...(sender?.fax !== undefined && { senderFax: sender.fax }),
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

/**
 * Whether `error` is Postgres refusing a row that the unique index `index` already holds: as Prisma
 * reports it through the pg driver adapter, or as pg itself does for a statement sent directly
 * (see queryRows).
 */
export function violatesUniqueIndex(error: unknown, index: string): boolean {
  const direct = error as { code?: unknown; constraint?: unknown } | null;
  if (direct?.code === '23505') return direct.constraint === index;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string; constraint?: { index?: string } } } } } | null)?.meta
    ?.driverAdapterError?.cause;
  return cause?.kind === 'UniqueConstraintViolation' && cause.constraint?.index === index;
}

/**
 * Whether `error` is Postgres refusing a row that the unique index `index` already holds, as Prisma
 * reports it through the pg driver adapter (raw statements included).
 */
export function violatesUniqueIndex(error: unknown, index: string): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string; constraint?: { index?: string } } } } } | null)?.meta
    ?.driverAdapterError?.cause;
  return cause?.kind === 'UniqueConstraintViolation' && cause.constraint?.index === index;
}

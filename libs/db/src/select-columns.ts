import { Prisma } from './generated/prisma/client';

/**
 * A select list that reads a table's columns under the names of its Prisma model (`"account_id" AS
 * "accountId"`), so a raw statement answers rows of the model's own type. `fields` names every field
 * of the model (a `Record<keyof Model, string>`, so a new field cannot be forgotten) with its column.
 */
export function selectColumns<Model>(fields: Record<keyof Model, string>, table?: string): Prisma.Sql {
  const qualifier = table ? `"${table}".` : '';
  return Prisma.raw(
    Object.entries<string>(fields)
      .map(([field, column]) => `${qualifier}"${column}" AS "${field}"`)
      .join(', '),
  );
}

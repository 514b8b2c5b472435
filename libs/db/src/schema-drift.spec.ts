import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '@mintfax/testing';

// The Prisma data model as the generator saw it (written by `prisma generate`).
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  default?: { name?: string } | unknown;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}
interface Datamodel {
  models: DmmfModel[];
  enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
  indexes: DmmfIndex[];
}

const datamodel: Datamodel = JSON.parse(readFileSync(join(__dirname, 'generated', 'datamodel.json'), 'utf8'));

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;

/** The Postgres type (`udt_name`) Prisma's migrations give a field. */
function expectedUdt(field: DmmfField): string {
  if (field.kind === 'enum') {
    const enumDef = datamodel.enums.find((e) => e.name === field.type);
    return (field.isList ? '_' : '') + (enumDef?.dbName ?? field.type);
  }
  const native = field.nativeType?.[0];
  const base =
    native === 'Timestamptz'
      ? 'timestamptz'
      : ({
          String: 'text',
          Int: 'int4',
          BigInt: 'int8',
          Boolean: 'bool',
          DateTime: 'timestamp',
          Json: 'jsonb',
          Bytes: 'bytea',
          Float: 'float8',
          Decimal: 'numeric',
        } as Record<string, string>)[field.type];
  if (!base) throw new Error(`No mapping for ${field.type}`);
  return field.isList ? `_${base}` : base;
}

describe('the migrated database', () => {
  let client: Client;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await drop();
  });

  it('has exactly the tables of the Prisma models', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((row) => row.table_name).sort()).toEqual(datamodel.models.map(tableOf).sort());
  });

  it.each(datamodel.models.map((model) => [model.name, model] as const))(
    'gives %s exactly its columns with their types and nullability',
    async (_name, model) => {
      const { rows } = await client.query<{ column_name: string; udt_name: string; is_nullable: 'YES' | 'NO' }>(
        `SELECT column_name, udt_name, is_nullable FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1`,
        [tableOf(model)],
      );
      const actual = Object.fromEntries(
        rows.map((row) => [row.column_name, { type: row.udt_name, nullable: row.is_nullable === 'YES' }]),
      );
      const expected = Object.fromEntries(
        model.fields
          .filter((field) => field.kind === 'scalar' || field.kind === 'enum')
          // Prisma creates scalar lists without NOT NULL.
          .map((field) => [columnOf(field), { type: expectedUdt(field), nullable: field.isList || !field.isRequired }]),
      );
      expect(actual).toEqual(expected);
    },
  );

  it('has every enum with exactly its values, in order', async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((row) => [row.typname, row.labels]));
    const expected = Object.fromEntries(
      datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]),
    );
    expect(actual).toEqual(expected);
  });

  it('has the primary keys, unique and plain indexes of the models (partial indexes are extra)', async () => {
    const { rows } = await client.query<{ table_name: string; columns: string[]; is_unique: boolean; is_primary: boolean }>(
      `SELECT c.relname AS table_name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE i.indpred IS NULL AND c.relname <> '_prisma_migrations'
        GROUP BY c.relname, i.indexrelid, i.indisunique, i.indisprimary`,
    );
    const describe = (table: string, kind: string, columns: string[]) => `${table} ${kind} (${columns.join(', ')})`;
    const actual = rows
      .map((row) => describe(row.table_name, row.is_primary ? 'id' : row.is_unique ? 'unique' : 'normal', row.columns))
      .sort();

    const modelByName = new Map(datamodel.models.map((model) => [model.name, model]));
    const expected = datamodel.indexes
      .map((index) => {
        const model = modelByName.get(index.model)!;
        const columns = index.fields.map((f) => columnOf(model.fields.find((field) => field.name === f.name)!));
        return describe(tableOf(model), index.type, columns);
      })
      .sort();
    expect(actual).toEqual(expected);
  });
});

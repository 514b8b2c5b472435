export * from './generated/prisma/client';
export { DbModule } from './db.module';
export { DB_OPTIONS, type DbOptions } from './db.options';
export { PrismaService } from './prisma.service';
export { applyMigrations, defaultMigrationsDir, readMigrations, type Migration } from './migrate';
export { byCreatedAt, bySeq, keysetPage, mapPage, type Keyset, type ListPage, type PageQuery, type PageSource } from './pagination';
export { deleteInBatches, type PrunedColumn } from './delete-in-batches';
export { violatesUniqueIndex } from './unique-violation';
export { isDatabaseUnreachable, retryWhileDatabaseUnreachable } from './database-outage';

export const DB_OPTIONS = Symbol('DB_OPTIONS');

export interface DbOptions {
  databaseUrl: string;
  /** Small on purpose: on one hot row more connections mean less throughput and a worse p99. */
  poolSize?: number;
}

/** The periodic runs; each name is also its job scheduler's id. Their jobs carry no data. */
export const RETENTION_JOBS = { documentPurge: 'document-purge', housekeeping: 'housekeeping' } as const;

export type RetentionJobName = (typeof RETENTION_JOBS)[keyof typeof RETENTION_JOBS];

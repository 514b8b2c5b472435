import { JOB_RETENTION } from '../bull-options';

/** A zero-footprint fax went terminal: purge its document now. */
export interface FaxPurgeJob {
  faxId: string;
}

export const FAX_PURGE_JOB_NAME = 'purge';

/** One purge job per fax: the fax id is the job id, so a second add is dropped. */
export function faxPurgeJobOptions(faxId: string) {
  return { jobId: faxId, ...JOB_RETENTION };
}

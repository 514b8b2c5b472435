import { Prisma, queryRows, type Fax } from '@mintfax/db';
import { FAX_COLUMNS } from './fax-columns';


/**
 * The fax a dispatch job names, and whether its environment is zero-footprint (its document is
 * purged once the fax is done); null when the fax is gone. One named statement, read per job.
 */
export async function findFaxToDispatch(db: Prisma.TransactionClient, faxId: string): Promise<{ fax: Fax; zeroFootprint: boolean } | null> {
  const [row] = await queryRows<Fax & { zeroFootprint: boolean }>(
    db,
    Prisma.sql`SELECT ${FAX_COLUMNS}, (SELECT zero_footprint FROM environments WHERE environments.id = faxes.environment_id) AS "zeroFootprint"
                 FROM faxes WHERE id = ${faxId}`,
  );
  if (!row) return null;
  const { zeroFootprint, ...fax } = row;
  return { fax, zeroFootprint };
}

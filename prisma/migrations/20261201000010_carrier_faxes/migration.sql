-- A live attempt hands the fax to a carrier, which reports on it later: the carrier's fax id is
-- stored on the attempt (callbacks and polls find the attempt by it), with when the sweep last
-- polled it and when the carrier's copy was deleted after the document was purged.
ALTER TABLE "fax_attempts" ADD COLUMN "carrier_fax_id" TEXT,
                           ADD COLUMN "carrier_polled_at" TIMESTAMPTZ(3),
                           ADD COLUMN "carrier_copy_deleted_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "fax_attempts_carrier_fax_id_key" ON "fax_attempts"("carrier_fax_id");

-- The carrier copies still to delete: few rows, read by every retention run.
CREATE INDEX "fax_attempts_carrier_copy_idx" ON "fax_attempts"("fax_id") WHERE "carrier_fax_id" IS NOT NULL AND "carrier_copy_deleted_at" IS NULL;

-- The record of every webhook delivery still owed: written when an event is fanned out to an
-- endpoint, moved on when an attempt fails with a retry left, deleted when the delivery is settled.
-- The dispatcher's sweep re-enqueues owed deliveries whose job Redis no longer holds.
CREATE TABLE "webhook_deliveries" (
    "event_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "next_attempt" INTEGER NOT NULL DEFAULT 1,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("event_id","endpoint_id")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_due_at_idx" ON "webhook_deliveries"("due_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_idx" ON "webhook_deliveries"("endpoint_id");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Retries already scheduled when this table arrives become owed deliveries.
INSERT INTO "webhook_deliveries" ("event_id", "endpoint_id", "next_attempt", "due_at")
SELECT a."event_id", a."endpoint_id", a."attempt_number" + 1, a."next_retry_at"
  FROM "webhook_attempts" a
  JOIN "events" e ON e."id" = a."event_id"
 WHERE a."status" = 'failed' AND a."next_retry_at" IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "webhook_attempts" later
                    WHERE later."endpoint_id" = a."endpoint_id" AND later."event_id" = a."event_id"
                      AND later."attempt_number" > a."attempt_number")
ON CONFLICT DO NOTHING;

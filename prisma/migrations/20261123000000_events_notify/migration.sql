-- Wakes the webhook dispatcher when events are committed: NOTIFY is transactional, so listeners
-- hear of new outbox rows only after the transaction that wrote them commits. One notification
-- per statement (the payload is only a wake-up; the dispatcher claims what is undispatched).
CREATE FUNCTION "notify_events_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mintfax_events', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "events_notify_after_insert"
AFTER INSERT ON "events"
FOR EACH STATEMENT EXECUTE FUNCTION "notify_events_inserted"();

/**
 * A BullMQ worker's close() drains its running jobs, which is what SIGTERM wants, but it never
 * resolves if Redis never answered; then there is nothing to drain and awaiting it would hang
 * shutdown. Call at construction; the returned function closes as far as is meaningful.
 */
export function gracefulCloser(resource: { close(): Promise<void>; waitUntilReady(): Promise<unknown> }): () => Promise<void> {
  let ready = false;
  resource.waitUntilReady().then(
    () => (ready = true),
    () => undefined,
  );
  return async () => {
    const closing = resource.close();
    if (ready) await closing;
    else closing.catch(() => undefined);
  };
}

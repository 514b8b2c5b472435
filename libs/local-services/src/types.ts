/** A server started for development or tests. */
export interface RunningService {
  /** Connection URL (`postgresql://…/db` or `redis://…`). */
  url: string;
  /** Stops the server and waits until it is gone; safe to call more than once. */
  stop(): Promise<void>;
}

// The part of autocannon's programmatic API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string | Buffer;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Worker threads firing the requests, so the load does not share the event loop of a server in this process. */
      workers?: number;
    }

    interface Histogram {
      average: number;
      p50: number;
      p99: number;
    }

    interface Result {
      /** Seconds the run lasted. */
      duration: number;
      requests: Histogram & { total: number };
      /** Milliseconds. */
      latency: Histogram;
      '2xx': number;
      non2xx: number;
      errors: number;
      timeouts: number;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}

interface Call<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends the calls made in one turn of the event loop (until setImmediate) as one call of `run` with
 * all their inputs, each caller getting its own output back: the statements of jobs running at the
 * same time cost one round trip. `run` answers one output per input, in order; its failure is every
 * caller's. Calls with the same key never share a batch (one statement would write one row twice):
 * a later one goes in the next batch, sent beside it.
 */
export class StatementBatch<In, Out> {
  private batches: { keys: Set<string>; calls: Call<In, Out>[] }[] = [];

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly key: (input: In) => string,
  ) {}

  call(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      if (this.batches.length === 0) setImmediate(() => this.flush());
      const key = this.key(input);
      let batch = this.batches.find(({ keys }) => !keys.has(key));
      if (!batch) {
        batch = { keys: new Set(), calls: [] };
        this.batches.push(batch);
      }
      batch.keys.add(key);
      batch.calls.push({ input, resolve, reject });
    });
  }

  private flush(): void {
    const batches = this.batches;
    this.batches = [];
    for (const { calls } of batches) {
      this.run(calls.map(({ input }) => input)).then(
        (outputs) => calls.forEach(({ resolve }, i) => resolve(outputs[i])),
        (error: unknown) => calls.forEach(({ reject }) => reject(error)),
      );
    }
  }
}

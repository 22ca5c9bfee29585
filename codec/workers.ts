// Coding on several cores (`-T N`, EncodeStream/DecodeStream `threads`): frames are independent by design (each
// resets its models and carries its own CRC, docs/FORMAT.md), so a frame's texts (or a frame's body) go to a worker
// thread (codec/worker.ts, on the pool of src/util/worker-pool.ts) and the results come back in submission order
// (InOrder), so that the output is the same bytes for every number of threads. Each worker holds its own copy of the
// model (loaded from the model's file when it came from one, else cloned) and at most IN_FLIGHT_PER_WORKER frames; a worker's old
// generation is capped at WORKER_HEAP_MB (the per-worker memory budget: model, one frame's texts and records, and
// its output). Workers are started only when a second frame is ready — the first is coded on the calling thread, so
// that a small input pays nothing — and terminated at the end, on error and on destroy; they never keep the process
// alive (unref).

import { modelFileOf } from '../src/model/store.js';
import type { SkillModel } from '../src/model/types.js';
import { InputError } from '../src/util/errors.js';
import { InOrder, WorkerPool, ownBuffer, workerScript } from '../src/util/worker-pool.js';

/** Frames queued or being coded per worker: enough to keep a worker busy while its last result is written. */
export const IN_FLIGHT_PER_WORKER = 2;
/** Each worker's V8 old-generation limit (MB): the Brown model takes about 60 MB of it, a frame (≤ 2^20 characters) a few. */
export const WORKER_HEAP_MB = 256;

/** What a worker needs to load its model: the file it came from (checked to have the same id), or the model itself. */
export type ModelSource = { file: string; id: string } | { model: SkillModel };

export function modelSource(model: SkillModel): ModelSource {
  const file = modelFileOf(model);
  return file === undefined ? { model } : { file, id: model.id };
}

/**
 * A stream's frames coded on `count` threads: the first job on the calling thread (a small input never starts a
 * worker), the next ones — when count > 1 — on a pool started then, their results written in submission order. With
 * one thread every job runs and is written at once, as if there were no pool. A worker's failure that is not an
 * InputError (those name their record already) is reported naming the job (`what`: its frame and records).
 */
export class Threads {
  private pool: WorkerPool | undefined;
  private readonly ordered: InOrder;
  private jobs = 0;

  constructor(
    private readonly count: number,
    fail: (err: Error) => void,
  ) {
    this.ordered = new InOrder(fail);
  }

  run<R>(here: () => R, task: () => unknown, model: SkillModel, write: (result: R) => void, what: string): void {
    if (this.count <= 1 || this.jobs++ === 0) {
      const result = here();
      if (this.ordered.pending === 0) write(result);
      else this.ordered.submit(Promise.resolve(result), write);
      return;
    }
    this.pool ??= new WorkerPool(workerScript(import.meta.url, './worker.js', '../dist/codec/worker.js'), this.count, modelSource(model), WORKER_HEAP_MB);
    const message = task() as { body?: unknown };
    // a frame's body to decode, copied out of the parser's buffer, is moved to the worker
    const job = this.pool.run<R>(message, ownBuffer(message.body)).catch((err: Error) => {
      throw err instanceof InputError ? err : new Error(`${what}: ${err.message}`);
    });
    this.ordered.submit(job, write);
  }

  /** Writes `step` after every job submitted before it (at once when none is pending). */
  then(step: () => void): void {
    if (this.ordered.pending === 0) step();
    else this.ordered.submit(Promise.resolve(), step);
  }

  /** Calls `callback` once few enough results are pending (IN_FLIGHT_PER_WORKER per worker). */
  backpressure(callback: () => void): void {
    if (this.ordered.pending <= this.count * IN_FLIGHT_PER_WORKER) callback();
    else void this.ordered.wait(this.count * IN_FLIGHT_PER_WORKER).then(callback);
  }

  /**
   * Once every result is written: `last`, then `callback` (with last's error, if any); the workers are closed. After
   * a failure (already reported through `fail`) only `callback`.
   */
  finish(last: () => void, callback: (err?: Error | null) => void): void {
    void this.ordered.wait(0).then(async () => {
      await this.close();
      if (this.ordered.failed) {
        callback();
        return;
      }
      try {
        last();
      } catch (err) {
        callback(err as Error);
        return;
      }
      callback();
    });
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

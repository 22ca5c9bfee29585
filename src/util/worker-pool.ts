// A pool of worker threads (node:worker_threads) and the writing of their results in order — the machinery behind
// `-T N`, shared by the codec's frames (codec/workers.ts) and training's text batches (src/model/train.ts). A pool
// runs tasks first come, first served on a fixed set of workers, each started with `workerData` and an old-generation
// cap (its memory budget); a worker that dies fails its task, every queued one and the pool. Workers never keep the
// process alive (unref) and are terminated by close(). InOrder writes results in the order their jobs were submitted;
// serveTasks is the worker's side.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type TransferListItem, Worker, parentPort } from 'node:worker_threads';
import { InputError, type InputCode } from './errors.js';

/** The number of threads `-T N` means: N, or with 0 every core. */
export function threadCount(threads: number | undefined): number {
  const n = threads ?? 1;
  if (!Number.isSafeInteger(n) || n < 0) throw new InputError(`threads must be a whole number ≥ 0 (0: every core), not ${n}`);
  return n === 0 ? availableParallelism() : n;
}

/**
 * A worker script `name` (e.g. './worker.js') beside the module at `moduleUrl` when that module is built JavaScript
 * (dist/…, or dist/bundle/ for the bundle), else — tests run the TypeScript sources — the built one at `built`,
 * relative to the module.
 */
export function workerScript(moduleUrl: string, name: string, built: string): URL {
  const beside = new URL(name, moduleUrl);
  if (existsSync(fileURLToPath(beside))) return beside;
  const compiled = new URL(built, moduleUrl);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  throw new Error(`the worker script ${fileURLToPath(beside)} is missing: run npm run build`);
}

/** A worker's reply: the task's result, or its error (an InputError keeps its message and code). */
export type WorkerReply = { id: number; result: unknown } | { id: number; error: string; code?: InputCode; input: boolean };

interface Pending {
  id: number;
  task: unknown;
  transfer: TransferListItem[];
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}

/** A fixed set of workers running tasks first come, first served. */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(script: URL, size: number, workerData: unknown, heapMb: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      worker.unref();
      worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
      worker.on('error', (err) => this.broken(worker, err));
      worker.on('exit', (code) => this.broken(worker, new Error(`a worker thread stopped (exit code ${code})`)));
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  /** Runs `task` on the next free worker; the promise rejects with the worker's error (an InputError stays one). */
  run<R>(task: unknown, transfer: TransferListItem[] = []): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, transfer, resolve: resolve as (result: unknown) => void, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const pending = this.queue.shift()!;
      this.running.set(worker, pending);
      worker.postMessage({ id: pending.id, task: pending.task }, pending.transfer);
    }
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const pending = this.running.get(worker);
    if (pending === undefined || pending.id !== reply.id) return;
    this.running.delete(worker);
    this.idle.push(worker);
    if ('result' in reply) pending.resolve(reply.result);
    else pending.reject(reply.input ? new InputError(reply.error, reply.code) : new Error(reply.error));
    this.dispatch();
  }

  /** A worker died (out of memory, a crash): its task and every queued one fail, and the pool is closed. */
  private broken(worker: Worker, err: Error): void {
    if (!this.all.includes(worker)) return;
    this.failure ??= err;
    this.running.get(worker)?.reject(this.failure);
    this.running.delete(worker);
    for (const pending of this.queue.splice(0)) pending.reject(this.failure);
    void this.close();
  }

  /** Terminates every worker (idempotent); tasks still running reject. */
  async close(): Promise<void> {
    const workers = this.all.splice(0);
    this.failure ??= new Error('the worker pool was closed');
    for (const pending of [...this.running.values(), ...this.queue.splice(0)]) pending.reject(this.failure);
    this.running.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Results written in the order their jobs were submitted, each as soon as it and every one before it are ready; a
 * failed job fails the stream (`fail`), and the jobs after it are not written.
 */
export class InOrder {
  private chain: Promise<void> = Promise.resolve();
  private readonly written: Array<Promise<void>> = [];
  /** A job or a write failed: nothing after it is written. */
  failed = false;

  constructor(private readonly fail: (err: Error) => void) {}

  submit<R>(job: Promise<R>, write: (result: R) => void): void {
    job.catch(() => undefined); // its rejection is handled through the chain
    const done = (this.chain = this.chain.then(async () => {
      if (this.failed) return;
      write(await job);
    }));
    done.catch((err: Error) => {
      if (this.failed) return;
      this.failed = true;
      this.fail(err);
    });
    this.written.push(done.catch(() => undefined));
  }

  /** Resolves once at most `limit` submitted results are still unwritten (backpressure on the input). */
  async wait(limit: number): Promise<void> {
    while (this.written.length > limit) await this.written.shift();
  }

  get pending(): number {
    return this.written.length;
  }
}


/**
 * The buffer of `bytes` to transfer (moved, not copied) with a message, when `bytes` is the whole of it — so never a
 * view into a larger buffer, such as Node's pool of small Buffers or a parser's input — else none.
 */
export function ownBuffer(bytes: unknown): ArrayBuffer[] {
  if (!(bytes instanceof Uint8Array) || !(bytes.buffer instanceof ArrayBuffer)) return [];
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.byteLength > 0 ? [bytes.buffer] : [];
}

/**
 * In a worker: answers each task the pool sends with `run`'s result, or its error (an InputError keeps its message and
 * code); `transfer` names the result's buffers to move rather than copy (they must not be used after).
 */
export function serveTasks(run: (task: never) => Promise<unknown>, transfer: (result: unknown) => TransferListItem[] = () => []): void {
  parentPort!.on('message', ({ id, task }: { id: number; task: never }) => {
    run(task).then(
      (result) => parentPort!.postMessage({ id, result } satisfies WorkerReply, transfer(result)),
      (err: unknown) => {
        const error = err instanceof Error ? err.message : String(err);
        parentPort!.postMessage({ id, error, code: err instanceof InputError ? err.code : undefined, input: err instanceof InputError } satisfies WorkerReply);
      },
    );
  });
}

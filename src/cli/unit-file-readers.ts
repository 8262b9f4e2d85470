/**
 * Reading a folder of units' files on another core while the main thread works. Reading a unit's .xlsx
 * (unzip, scan the sheet's XML, ExcelJS's model of the other parts) was a third of `tonghop run`'s time,
 * and the files do not depend on one another. So worker threads (one fewer than the cores, at most three)
 * start as the CLI starts, and:
 * 1. read what each file says it is, its defined names alone (readXlsxNames: a few milliseconds a file),
 *    while the main thread loads the office's workbook;
 * 2. then read in full the files the main thread asks for, in the order it will need them (Cấu hình's).
 * The main thread takes each file when the bundle opens it (`take`, unit-folder.ts): Tổng hợp consolidates
 * the first units while the last are still being read. `take` is synchronous, as the bundle is (an Apps
 * Script call returns a value): it waits on a shared counter (Atomics.wait) and receives the worker's
 * message on this thread (receiveMessageOnPort), so no event loop turn is needed.
 *
 * A worker is the CLI's own bundle (dist/cli.js) started again with `workerData.role` set; bin.ts hands it
 * to `serveUnitFileReads`. Run from the sources (Jest, tsx), or on one core, or for a few files, the main
 * thread reads every file itself, with the same functions, before the command runs.
 */
import { availableParallelism } from 'node:os';
import {
  isMainThread,
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import { XlsxRefused, type XlsxLimits, type XlsxRefusalReason } from '../shared/xlsx-guard';
import { prepareParts, readXlsxNames, readXlsxParts, rehydrateParts, type XlsxParts } from '../stand-in';

const ROLE = 'tonghop-read-unit-files';
/**
 * Below this many files the main thread reads them itself: starting a worker loads the bundle's modules
 * again (about 0.4 s of CPU), more than a few files' reading (about 15 ms each for 750 rows).
 */
const MIN_FILES_FOR_WORKERS = 24;
/** Beyond a few workers the main thread, which consolidates, is the bottleneck. */
const MAX_WORKERS = 3;
/**
 * A worker that has posted nothing for this long while the main thread waits is taken as stopped: the
 * command fails as a read on this thread would, rather than waiting for ever. A unit's file is read in
 * tens of milliseconds; this is for a thread that died without a word.
 */
const STALLED_MS = 120_000;
/** How often a wait looks again whether the workers are alive. */
const POLL_MS = 1_000;

/**
 * Files read in full and not yet received by the main thread, at most: a worker waits beyond this. Reading
 * runs ahead of Tổng hợp (the whole folder in 4 s of 9 on two cores), and 150 files' parts held at once
 * came to about 170 MB more peak memory.
 */
const READ_AHEAD = 32;

/** Files the main thread reads itself before Tổng hợp starts, while the workers warm up. */
const READ_HERE_FIRST = 4;

/**
 * Slots of the shared counter: messages posted by every worker, workers that ended, full reads posted,
 * full reads received by the main thread.
 */
const POSTED = 0;
const ENDED = 1;
const READ = 2;
const RECEIVED = 3;

interface WorkerSetup {
  role: typeof ROLE;
  files: string[];
  limits: XlsxLimits;
  port: MessagePort;
  /** Int32Array: POSTED, ENDED, READ, RECEIVED. */
  signal: SharedArrayBuffer;
  /** Int32Array, two slots a file: [i] its names claimed, [files + i] its full read claimed. */
  claims: SharedArrayBuffer;
}

type Outcome<T> =
  { value: T } | { refused: { reason: XlsxRefusalReason; limit: number } } | { failed: string };

type Reply =
  | { kind: 'names'; index: number; outcome: Outcome<string[] | null> }
  | { kind: 'parts'; index: number; outcome: Outcome<XlsxParts> };

/** What reading one file gave: its parts, or the error loadXlsx would have thrown (XlsxRefused kept). */
export type UnitFileRead = { file: string; parts: XlsxParts } | { file: string; error: Error };

/** A file's defined names read alone: null when only a full read can tell what the file is. */
export type UnitFileNames = { file: string; names: string[] | null } | { file: string; error: Error };

async function settle<T>(work: Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await work };
  } catch (error) {
    return error instanceof XlsxRefused
      ? { refused: { reason: error.reason, limit: error.limit } }
      : { failed: error instanceof Error ? error.message : String(error) };
  }
}

function errorOf(outcome: Exclude<Outcome<unknown>, { value: unknown }>): Error {
  return 'refused' in outcome
    ? new XlsxRefused(outcome.refused.reason, outcome.refused.limit)
    : new Error(outcome.failed);
}

/** In a worker started by `startUnitFileReads`: reads the names, then the full files asked for. Else nothing. */
export function serveUnitFileReads(): void {
  const data = workerData as WorkerSetup | null;
  if (isMainThread || data?.role !== ROLE) return;
  const { files, limits, port } = data;
  const signal = new Int32Array(data.signal);
  const claims = new Int32Array(data.claims);
  const post = (reply: Reply) => {
    port.postMessage(reply);
    Atomics.add(signal, POSTED, 1);
    Atomics.notify(signal, POSTED);
  };
  // However this thread ends (it is meant to run until the main thread ends it), a main thread waiting on it
  // learns at once.
  process.on('exit', () => {
    Atomics.add(signal, ENDED, 1);
    Atomics.notify(signal, POSTED);
  });
  // Another thread (a worker, or the main thread helping) may have taken a file: each is claimed once.
  const claim = (slot: number) => Atomics.compareExchange(claims, slot, 0, 1) === 0;
  const queue: number[] = [];
  let wake: (() => void) | null = null;
  port.on('message', (message: { order: number[] }) => {
    queue.push(...message.order);
    wake?.();
  });
  void (async () => {
    for (let index = 0; index < files.length; index++) {
      if (!claim(index)) continue;
      post({ kind: 'names', index, outcome: await settle(readXlsxNames(files[index], limits)) });
    }
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const index = queue.shift() as number;
      if (!claim(files.length + index)) continue;
      // Far enough ahead of the main thread: wait (this thread has nothing else to do).
      for (;;) {
        const received = Atomics.load(signal, RECEIVED);
        if (Atomics.load(signal, READ) - received < READ_AHEAD) break;
        Atomics.wait(signal, RECEIVED, received, POLL_MS);
      }
      Atomics.add(signal, READ, 1);
      // Prepared here (formulas localised, sheets to keep detached): less work left for the main thread.
      const outcome = await settle(readXlsxParts(files[index], limits).then(prepareParts));
      post({ kind: 'parts', index, outcome });
    }
  })();
}

/** Where the bundle is, when this code runs from it (dist/cli.js); null from the sources. */
function bundlePath(): string | null {
  return __filename.endsWith('.js') ? __filename : null;
}

/** The reads of a folder, begun. */
export interface UnitFileReads {
  /** Each file's defined names, in the files' order. */
  names(): Promise<UnitFileNames[]>;
  /**
   * Asks for these files in full, in this order, after any asked for before (the others are never read in
   * full). With `wait`, or where no worker reads, resolves once all are read; else at once, and `take`
   * waits for each.
   */
  read(
    indexes: readonly number[],
    wait: boolean,
    onRead?: (done: number) => void,
    /** No more will be asked for: the workers end once every file asked for is taken. */
    last?: boolean
  ): Promise<void>;
  /** A file asked for with `read`: waits on this thread, blocking, until it is read. */
  take(index: number): UnitFileRead;
  /** Ends the workers. */
  close(): Promise<void>;
}

/**
 * Starts reading `files`, each held to `limits`, at once: workers begin while the caller loads the office's
 * workbook. `close` ends them.
 */
export function startUnitFileReads(files: readonly string[], limits: XlsxLimits): UnitFileReads {
  const bundle = bundlePath();
  const cores = availableParallelism();
  const count =
    bundle && files.length >= MIN_FILES_FOR_WORKERS && cores >= 2 ? Math.min(MAX_WORKERS, cores - 1) : 0;
  const names = new Map<number, UnitFileNames>();
  const parts = new Map<number, UnitFileRead>();
  const signal = new Int32Array(new SharedArrayBuffer(16));
  const claims = new Int32Array(new SharedArrayBuffer(Math.max(1, files.length * 2) * 4));
  const ports: MessagePort[] = [];
  const pool: Worker[] = [];
  let failure: Error | null = null;
  let closing = false;
  for (let i = 0; i < count; i++) {
    const { port1, port2 } = new MessageChannel();
    const setup: WorkerSetup = {
      role: ROLE,
      files: [...files],
      limits,
      port: port2,
      signal: signal.buffer as SharedArrayBuffer,
      claims: claims.buffer as SharedArrayBuffer,
    };
    const worker = new Worker(bundle as string, { workerData: setup, transferList: [port2] });
    worker.on('error', (error) => (failure ??= error));
    worker.on('exit', (code) => {
      if (!closing && code !== 0)
        failure ??= new Error(`a worker reading the units' files ended (exit code ${code})`);
    });
    // A worker left running never keeps the CLI from exiting.
    worker.unref();
    ports.push(port1);
    pool.push(worker);
  }
  const file = (index: number) => files[index];
  /** A file's names as the readers' callers see them: the names, or the error a read threw. */
  const namesRead = (index: number, outcome: Outcome<string[] | null>): UnitFileNames =>
    'value' in outcome
      ? { file: file(index), names: outcome.value }
      : { file: file(index), error: errorOf(outcome) };
  /** A file read in full, likewise: its parts (their classes given back after a message), or the error. */
  const partsRead = (index: number, outcome: Outcome<XlsxParts>): UnitFileRead =>
    'value' in outcome
      ? { file: file(index), parts: rehydrateParts(outcome.value) }
      : { file: file(index), error: errorOf(outcome) };
  /** The messages the workers posted, received on this thread until `enough()` (all, without it). */
  const drain = (enough: () => boolean = () => false) => {
    for (const port of ports) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const reply = message.message as Reply;
        if (reply.kind === 'names') names.set(reply.index, namesRead(reply.index, reply.outcome));
        else {
          parts.set(reply.index, partsRead(reply.index, reply.outcome));
          Atomics.add(signal, RECEIVED, 1);
          Atomics.notify(signal, RECEIVED);
        }
        if (enough()) return;
      }
    }
  };
  const stopped = () => {
    if (failure) return failure;
    return Atomics.load(signal, ENDED) > 0 && !closing
      ? new Error("a worker reading the units' files ended")
      : null;
  };
  /** Drains what the workers posted; true once `wanted()`; throws when a worker has stopped. */
  const look = (wanted: () => boolean) => {
    drain(wanted);
    if (wanted()) return true;
    const stop = stopped();
    if (stop) throw stop;
    return false;
  };
  /** A wait's watch: each wake-up's result, until nothing has been posted for STALLED_MS. */
  const watch = () => {
    let quietSince = Date.now();
    return (result: string) => {
      if (result !== 'timed-out') quietSince = Date.now();
      else if (Date.now() - quietSince > STALLED_MS) throw new Error("the units' files stopped being read");
    };
  };
  /** Waits, blocking this thread, until `wanted()`. */
  const waitHere = (wanted: () => boolean) => {
    const heard = watch();
    for (;;) {
      const seen = Atomics.load(signal, POSTED);
      if (look(wanted)) return;
      heard(Atomics.wait(signal, POSTED, seen, POLL_MS));
    }
  };
  /** Until a worker posts after `seen`, or POLL_MS, letting the event loop run. */
  const postedAfter = async (seen: number): Promise<string> => {
    const wait = (
      Atomics as unknown as {
        waitAsync(
          array: Int32Array,
          index: number,
          value: number,
          timeout: number
        ): { async: boolean; value: Promise<string> | string };
      }
    ).waitAsync(signal, POSTED, seen, POLL_MS);
    if (!wait.async) return wait.value as string;
    // Atomics.waitAsync does not keep Node's event loop alive (the workers are unref'd): a timer does.
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      wait.value,
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timed-out'), POLL_MS))),
    ]);
    clearTimeout(timer);
    return result;
  };
  /** Waits, letting the event loop run, until `wanted()`. */
  const waitAsync = async (wanted: () => boolean) => {
    const heard = watch();
    for (;;) {
      const seen = Atomics.load(signal, POSTED);
      if (look(wanted)) return;
      heard(await postedAfter(seen));
    }
  };
  const claim = (slot: number) => Atomics.compareExchange(claims, slot, 0, 2) === 0;
  /** Files asked for in full and not taken yet; whether the last ask has been made. */
  const asked = new Set<number>();
  let lastAsked = false;
  let ended: Promise<void> | null = null;
  const close = () =>
    (ended ??= (async () => {
      closing = true;
      // A worker waiting for this thread to catch up (READ_AHEAD) wakes, and so meets its end at once.
      Atomics.store(signal, RECEIVED, 1 << 30);
      Atomics.notify(signal, RECEIVED);
      for (const port of ports) port.close();
      await Promise.all(pool.map((worker) => worker.terminate()));
    })());
  const readHere = async (index: number): Promise<UnitFileRead> =>
    partsRead(index, await settle(readXlsxParts(files[index], limits)));
  return {
    async names() {
      const out: UnitFileNames[] = [];
      for (let index = 0; index < files.length; index++) {
        // With workers, this thread only reads those no worker has begun.
        if (count === 0 || claim(index)) {
          names.set(index, namesRead(index, await settle(readXlsxNames(files[index], limits))));
        }
        if (!names.has(index)) await waitAsync(() => names.has(index));
        out.push(names.get(index) as UnitFileNames);
      }
      return out;
    },
    async read(indexes, wait, onRead, last = false) {
      for (const index of indexes) asked.add(index);
      lastAsked = last;
      if (count > 0) for (const port of ports) port.postMessage({ order: [...indexes] });
      if (count > 0 && !wait) {
        // A worker's first file takes it ten times as long as the next (its ExcelJS cold); this thread's is
        // warm from the office's book, so it reads the first few itself while the workers start.
        for (const index of indexes.slice(0, READ_HERE_FIRST))
          if (claim(files.length + index)) parts.set(index, await readHere(index));
        return;
      }
      let done = 0;
      for (const index of indexes) {
        // This thread reads what no worker has begun (all of them, without workers).
        if (!parts.has(index) && (count === 0 || claim(files.length + index)))
          parts.set(index, await readHere(index));
        if (!parts.has(index)) await waitAsync(() => parts.has(index));
        onRead?.(++done);
      }
    },
    take(index) {
      if (!parts.has(index)) {
        if (count === 0) throw new Error(`${file(index)} was not asked for`);
        waitHere(() => parts.has(index));
      }
      const read = parts.get(index) as UnitFileRead;
      // Taken once: the parts go with the workbook made of them.
      parts.delete(index);
      asked.delete(index);
      // Nothing more to read: the workers end now, their memory with them, not when the command does.
      if (asked.size === 0 && lastAsked) void close();
      return read;
    },
    close,
  };
}

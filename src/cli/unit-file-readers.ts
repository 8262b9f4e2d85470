/**
 * Reading a folder of units' files on more than one core. Reading a unit's .xlsx (unzip, scan the sheet's
 * XML, ExcelJS's model of the other parts) is most of the time `tonghop run` spends before Tổng hợp starts,
 * and most of its garbage; the files do not depend on one another. Worker threads (one fewer than the
 * cores, at most three) start reading while the main thread loads the office's workbook; the main thread
 * then takes files from the same queue whenever the next one it needs is not ready, and turns each file's
 * parts into a stand-in workbook (workbookFromParts), in the folder's order.
 *
 * A worker is the CLI's own bundle (dist/cli.js) started again with `workerData.role` set; bin.ts hands it
 * to `serveUnitFileReads`. Run from the sources (Jest, tsx), or on one core, or for a few files, the main
 * thread reads every file itself, one after another, with the same functions.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { XlsxRefused, type XlsxLimits, type XlsxRefusalReason } from '../shared/xlsx-guard';
import { prepareParts, readXlsxParts, rehydrateParts, type XlsxParts } from '../stand-in';

const ROLE = 'tonghop-read-unit-files';
/**
 * Below this many files the main thread reads them itself: starting a worker loads the bundle's modules
 * again (about 0.4 s of CPU), more than a few files' reading (about 15 ms each for 750 rows).
 */
const MIN_FILES_FOR_WORKERS = 24;
/**
 * Beyond a few workers the main thread, which turns every file into a workbook, is the bottleneck. On two
 * cores one worker and the main thread: two workers beside it took longer (14.0 s against 13.0 s for the
 * bench's 200 files), three threads sharing two cores.
 */
const MAX_WORKERS = 3;

interface ReadRequest {
  index: number;
  file: string;
  limits: XlsxLimits;
}

type ReadReply =
  | { index: number; parts: XlsxParts }
  | { index: number; refused: { reason: XlsxRefusalReason; limit: number } }
  | { index: number; failed: string };

/** What reading one file gave: its parts, or the error loadXlsx would have thrown (XlsxRefused kept). */
export type UnitFileRead = { file: string; parts: XlsxParts } | { file: string; error: Error };

/** In a worker started by `startUnitFileReads`: answers each request with the file's parts. Else nothing. */
export function serveUnitFileReads(): void {
  const data = workerData as { role?: string } | null;
  if (isMainThread || data?.role !== ROLE || !parentPort) return;
  const port = parentPort;
  port.on('message', (request: ReadRequest) => {
    const { index, file, limits } = request;
    // Prepared here too (formulas localised, sheets to keep detached): less work left for the main thread.
    readXlsxParts(file, limits).then(
      (parts) => port.postMessage({ index, parts: prepareParts(parts) } satisfies ReadReply),
      (error: unknown) =>
        port.postMessage(
          (error instanceof XlsxRefused
            ? { index, refused: { reason: error.reason, limit: error.limit } }
            : { index, failed: error instanceof Error ? error.message : String(error) }) satisfies ReadReply
        )
    );
  });
}

/** Where the bundle is, when this code runs from it (dist/cli.js); null from the sources. */
function bundlePath(): string | null {
  return __filename.endsWith('.js') ? __filename : null;
}

/** Reading on this thread, as loadXlsx would: the parts, or the error. */
async function readHere(file: string, limits: XlsxLimits): Promise<UnitFileRead> {
  try {
    return { file, parts: await readXlsxParts(file, limits) };
  } catch (error) {
    return { file, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** The reads of a folder, begun: iterate for the results in the files' order; `close` ends the workers. */
export interface UnitFileReads extends AsyncIterable<UnitFileRead> {
  close(): Promise<void>;
}

/**
 * Starts reading `files`, each held to `limits`, at once (workers begin while the caller does other work).
 * Iterating yields one result per file, in the files' order; the main thread reads the files no worker
 * has taken yet whenever the next result is not ready. Iterate once; `close` ends the workers (iterating
 * to the end, or stopping early, closes too).
 */
export function startUnitFileReads(files: readonly string[], limits: XlsxLimits): UnitFileReads {
  const bundle = bundlePath();
  const cores = availableParallelism();
  const count =
    bundle && files.length >= MIN_FILES_FOR_WORKERS && cores >= 2 ? Math.min(MAX_WORKERS, cores - 1) : 0;
  const done = new Map<number, UnitFileRead>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let next = 0;
  let ending = false;
  const pool: Worker[] = [];
  const send = (worker: Worker) => {
    if (next >= files.length) return;
    worker.postMessage({ index: next, file: files[next], limits } satisfies ReadRequest);
    next += 1;
  };
  for (let i = 0; i < count; i++) {
    const worker = new Worker(bundle as string, { workerData: { role: ROLE } });
    worker.on('message', (reply: ReadReply) => {
      const file = files[reply.index];
      done.set(
        reply.index,
        'parts' in reply
          ? { file, parts: rehydrateParts(reply.parts) }
          : 'refused' in reply
            ? { file, error: new XlsxRefused(reply.refused.reason, reply.refused.limit) }
            : { file, error: new Error(reply.failed) }
      );
      send(worker);
      wake?.();
    });
    // A worker that dies (out of memory, a bug) ends the read: the run fails as a read on this thread would.
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
    worker.on('exit', (code) => {
      if (!ending) failure ??= new Error(`a worker reading the units' files ended (exit code ${code})`);
      wake?.();
    });
    pool.push(worker);
    send(worker);
  }
  const close = async () => {
    ending = true;
    await Promise.all(pool.map((worker) => worker.terminate()));
  };
  async function* results(): AsyncGenerator<UnitFileRead, void, undefined> {
    try {
      for (let index = 0; index < files.length; index++) {
        while (!done.has(index)) {
          if (failure) throw failure;
          if (next < files.length) {
            // Nothing to wait for that this thread could not do itself: it reads the next file in the queue.
            const mine = next;
            next += 1;
            done.set(mine, await readHere(files[mine], limits));
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
        const read = done.get(index) as UnitFileRead;
        done.delete(index);
        yield read;
      }
    } finally {
      await close();
    }
  }
  return { [Symbol.asyncIterator]: results, close };
}

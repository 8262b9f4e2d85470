/**
 * Reading a folder of units' files on worker threads. Reading a unit's .xlsx (unzip, scan the sheet's XML,
 * ExcelJS's model of the other parts) is most of the time `tonghop run` spends before Tổng hợp starts, and
 * most of its garbage; the files do not depend on one another. Up to two workers read them, a file at a
 * time each, while the main thread loads the office's workbook; the main thread turns each file's parts
 * into a stand-in workbook (workbookFromParts), in the folder's order, as they arrive.
 *
 * A worker is the CLI's own bundle (dist/cli.js) started again with `workerData.role` set; bin.ts hands it
 * to `serveUnitFileReads`. Run from the sources (Jest, tsx), or on one core, or for a few files, the files
 * are read on the main thread, one after another, with the same functions.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { XlsxRefused, type XlsxLimits, type XlsxRefusalReason } from '../shared/xlsx-guard';
import { readXlsxParts, rehydrateParts, type XlsxParts } from './xlsx';

const ROLE = 'tonghop-read-unit-files';
/**
 * Below this many files the main thread reads them itself: starting a worker loads the bundle's modules
 * again (about 0.4 s of CPU), more than a few files' reading (about 15 ms each for 750 rows).
 */
const MIN_FILES_FOR_WORKERS = 24;
/** Two workers, with the main thread mostly waiting, keep two cores busy; more would queue on them. */
const MAX_WORKERS = 2;

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

/** In a worker started by `readUnitFiles`: answers each request with the file's parts. Else nothing. */
export function serveUnitFileReads(): void {
  const data = workerData as { role?: string } | null;
  if (isMainThread || data?.role !== ROLE || !parentPort) return;
  const port = parentPort;
  port.on('message', (request: ReadRequest) => {
    const { index, file, limits } = request;
    readXlsxParts(file, limits).then(
      (parts) => port.postMessage({ index, parts } satisfies ReadReply),
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

/**
 * Reads `files` in order, each held to `limits`: yields one result per file, in the files' order, as soon
 * as it and those before it are read. Stopping the iteration early ends the workers.
 */
export async function* readUnitFiles(
  files: readonly string[],
  limits: XlsxLimits
): AsyncGenerator<UnitFileRead, void, undefined> {
  const bundle = bundlePath();
  const cores = availableParallelism();
  if (!bundle || files.length < MIN_FILES_FOR_WORKERS || cores < 2) {
    for (const file of files) {
      try {
        yield { file, parts: await readXlsxParts(file, limits) };
      } catch (error) {
        yield { file, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }
    return;
  }
  yield* readOnWorkers(bundle, Math.min(MAX_WORKERS, cores), files, limits);
}

async function* readOnWorkers(
  bundle: string,
  count: number,
  files: readonly string[],
  limits: XlsxLimits
): AsyncGenerator<UnitFileRead, void, undefined> {
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
  for (let i = 0; i < Math.min(count, files.length); i++) {
    const worker = new Worker(bundle, { workerData: { role: ROLE } });
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
  try {
    for (let index = 0; index < files.length; index++) {
      while (!done.has(index)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      const read = done.get(index) as UnitFileRead;
      done.delete(index);
      yield read;
    }
  } finally {
    ending = true;
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

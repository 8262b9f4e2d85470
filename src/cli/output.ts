/**
 * stdout that arrives whole through a pipe: JSON is written in pieces, each awaited when the pipe is
 * full, and the process exits by itself once everything is flushed (bin.ts sets process.exitCode and
 * never calls process.exit over pending output). Output is byte for byte JSON.stringify(value, null, 2).
 */
import type { Writable } from 'node:stream';

const CHUNK = 64 * 1024;

/** JSON.stringify(value, null, 2) cut into pieces: big arrays and objects element by element. */
function* jsonPieces(value: unknown, indent: string): Generator<string> {
  const json = (v: unknown) => JSON.stringify(v, null, 2)?.replace(/\n/g, `\n${indent}`);
  if (value !== null && typeof value === 'object' && !('toJSON' in value)) {
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        yield '[]';
        return;
      }
      yield '[';
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        yield `${i === 0 ? '' : ','}\n${inner}`;
        // As JSON.stringify does, undefined and functions in arrays become null.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
        else yield* jsonPieces(item, inner);
      }
      yield `\n${indent}]`;
      return;
    }
    const entries = Object.entries(value).filter(
      ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol'
    );
    if (entries.length === 0) {
      yield '{}';
      return;
    }
    yield '{';
    let first = true;
    for (const [key, v] of entries) {
      yield `${first ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* jsonPieces(v, inner);
    }
    yield `\n${indent}}`;
    return;
  }
  yield json(value) ?? 'null';
}

/** Writes and resolves once the stream has taken it (after 'drain' when the pipe was full). */
function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once('error', onError);
    stream.write(text, (error) => {
      stream.off('error', onError);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** `value` as indented JSON and a newline, streamed: a 50 MB problems list never becomes one string. */
export async function writeJson(stream: Writable, value: unknown): Promise<void> {
  let buffer = '';
  for (const piece of jsonPieces(value, '')) {
    buffer += piece;
    if (buffer.length >= CHUNK) {
      await writeAll(stream, buffer);
      buffer = '';
    }
  }
  await writeAll(stream, `${buffer}\n`);
}

/** `--json` output of a command on stdout. */
export function printJson(value: unknown): Promise<void> {
  return writeJson(process.stdout, value);
}

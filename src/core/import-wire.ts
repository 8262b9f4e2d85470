/**
 * The unit's table as it crosses google.script.run: JSON, UTF-8, zlib-compressed, base64 text.
 *
 * Google documents no size limit for a google.script.run argument; the stricter reading is taken, the
 * 2 MB that Google recommends for one request to its Sheets API (developers.google.com/sheets/api/limits)
 * and that tonghop holds every call to. A 10,000-row list sent as plain JSON is 0.8–2.5 MB (names, long
 * addresses, a note: measured in test/gas/import-scale.test.ts), so it would not fit with room; packed,
 * the same list is a fraction of that (names and addresses repeat their words), and the page checks
 * the packed size before sending (MAX_PACKED_CHARS).
 *
 * Pure: fflate is plain JavaScript (no TextDecoder, Buffer or atob needed, which Apps Script lacks), and
 * base64 is done here for the same reason. Bundled into the sidebar (packing) and the server (unpacking).
 */
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';

/**
 * The longest packed table one request may carry, in characters (base64 is ASCII: one byte each), kept
 * under 2 MB with room for the rest of the request.
 */
export const MAX_PACKED_CHARS = 1_900_000;
/** An unpacked table longer than this is not a unit's list (10,500 rows × 40 columns of text is less). */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Map([...ALPHABET].map((ch, i) => [ch, i]));

function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    line +=
      ALPHABET[(n >> 18) & 63] +
      ALPHABET[(n >> 12) & 63] +
      (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=') +
      (i + 2 < bytes.length ? ALPHABET[n & 63] : '=');
    if (line.length >= 4096) {
      parts.push(line);
      line = '';
    }
  }
  parts.push(line);
  return parts.join('');
}

/** base64 → bytes, or null when the text is not base64. */
function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text[i + j];
      const v = ch === '=' && i + j >= text.length - padding ? 0 : INDEX.get(ch);
      if (v === undefined) return null;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** A table (any plain JSON value) → the text to send. */
export function packTable(table: unknown): string {
  return toBase64(zlibSync(strToU8(JSON.stringify(table)), { level: 9 }));
}

/**
 * The text sent → the value packed, or undefined when it is not one (bad base64, bad zlib data, not JSON,
 * too large once unpacked): the caller validates the value like any request.
 */
export function unpackTable(packed: string): unknown {
  const bytes = fromBase64(packed);
  if (!bytes) return undefined;
  try {
    const json = unzlibSync(bytes);
    if (json.length > MAX_UNPACKED_BYTES) return undefined;
    return JSON.parse(strFromU8(json)) as unknown;
  } catch {
    return undefined;
  }
}

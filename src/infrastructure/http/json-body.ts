import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { BadInputError } from '../../shared/domain-error';

/** Largest JSON body taken: a Vorlage's text fields allow ~300,000 characters, umlauts take two bytes. */
export const JSON_BODY_LIMIT = '1mb';
/** Deepest nesting of objects and arrays taken; the deepest DTO needs 3. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * Where raw JSON text nests deeper than `maxDepth`, found by scanning brackets outside
 * strings, before anything is parsed: 10,000 nested arrays parse fine but overflow the
 * stack of every recursive walk after (class-transformer, validation). Returns
 * undefined when within bounds, else the top-level field (object key or array index)
 * the deep part is in, or '' when the root itself is too deep. UTF-8 only: no byte of a
 * multi-byte sequence is an ASCII bracket, quote or backslash.
 */
export function tooDeepAt(json: Uint8Array, maxDepth = MAX_JSON_DEPTH): string | undefined {
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let rootIsArray = false;
  let lastTopString: [number, number] | undefined; // the last string closed at depth 1
  let topKey: [number, number] | undefined;
  let topIndex = 0;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) {
        inString = false;
        if (depth === 1) lastTopString = [stringStart, i + 1];
      }
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        stringStart = i;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (depth === 0) rootIsArray = byte === OPEN_ARRAY;
        if (++depth > maxDepth) return topField(json, rootIsArray, topKey, topIndex);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        depth--;
        break;
      case COLON:
        if (depth === 1) topKey = lastTopString;
        break;
      case COMMA:
        if (depth === 1) topIndex++;
        break;
    }
  }
  return undefined;
}

function topField(json: Uint8Array, rootIsArray: boolean, key: [number, number] | undefined, index: number): string {
  if (rootIsArray) return String(index);
  if (!key) return '';
  try {
    return JSON.parse(Buffer.from(json.buffer, json.byteOffset + key[0], key[1] - key[0]).toString('utf8')) as string;
  } catch {
    return '';
  }
}

/**
 * body-parser's `verify` hook: runs on the raw bytes after the size limit, before
 * JSON.parse. Anything but UTF-8 is refused (RFC 8259 § 8.1), so the scan is exact.
 */
export function verifyJsonBody(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') {
    throw Object.assign(new Error(`unsupported charset "${encoding.toUpperCase()}"; JSON is UTF-8`), { status: 415, expose: true });
  }
  const field = tooDeepAt(body);
  if (field === undefined) return;
  const message = `nested deeper than ${MAX_JSON_DEPTH} levels`;
  throw new BadInputError(
    field === '' ? `Invalid input: the JSON body is ${message}` : `Invalid input: ${field} (${message})`,
    field === '' ? [] : [{ field, messages: [message] }],
  );
}

/**
 * The API speaks JSON: a request body of any other type is refused with 415 before
 * any parser runs. Otherwise a form post (which Nest's own parsers would read) could
 * edit a paper, and a text/plain body would arrive as no body at all.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && !req.is('application/json')) {
    const type = req.headers['content-type'] ?? 'none';
    next(Object.assign(new Error(`Unsupported content type ${JSON.stringify(type.slice(0, 100))}; send application/json`), { status: 415, expose: true }));
    return;
  }
  next();
}

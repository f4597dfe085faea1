/**
 * Reads a request body into one buffer, with the refusals a public endpoint needs decided as early as they
 * can be: over the size limit as soon as Content-Length says so or the streamed bytes pass it (nothing more
 * is read), over the server-wide budget of bodies held at once, or abandoned by the client. A body with a
 * Content-Length goes straight into a buffer of that size: no chunk list, no concatenation copy.
 */
import type { IncomingMessage } from 'node:http';

export type BodyOutcome =
  | { readonly kind: 'complete'; readonly body: Buffer }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'busy' }
  | { readonly kind: 'aborted'; readonly received: number };

/** Bytes of request bodies held at once by all requests; a request that would pass it is refused. */
export class BodyPool {
  private held = 0;
  constructor(readonly capacity: number) {}

  reserve(bytes: number): boolean {
    if (this.held + bytes > this.capacity) return false;
    this.held += bytes;
    return true;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}

/** The Content-Length header as a number, or null for a chunked body (node's parser has validated it). */
export function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  return raw === undefined ? null : Number(raw);
}

export interface BodyReading {
  /** Settles once the body is complete or refused. */
  readonly outcome: Promise<BodyOutcome>;
  /** Bytes taken from the pool, which the caller gives back when it is done with the body. */
  readonly reserved: () => number;
}

export function readRequestBody(req: IncomingMessage, limit: number, pool: BodyPool): BodyReading {
  const declared = declaredLength(req);
  let reserved = 0;
  const reserve = (bytes: number): boolean => {
    if (!pool.reserve(bytes)) return false;
    reserved += bytes;
    return true;
  };
  const outcome = new Promise<BodyOutcome>((resolve) => {
    if (declared !== null && declared > limit) {
      resolve({ kind: 'too-large', limit });
      return;
    }
    if (declared !== null && !reserve(declared)) {
      resolve({ kind: 'busy' });
      return;
    }
    const fixed = declared === null ? null : Buffer.allocUnsafe(declared);
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: BodyOutcome): void => {
      req.off('data', onData);
      req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (received + chunk.length > limit) {
        finish({ kind: 'too-large', limit });
      } else if (fixed) {
        fixed.set(chunk, received);
        received += chunk.length;
      } else if (reserve(chunk.length)) {
        chunks.push(chunk);
        received += chunk.length;
      } else {
        finish({ kind: 'busy' });
      }
    };
    req.on('data', onData);
    req.once('end', () => resolve({ kind: 'complete', body: fixed ?? Buffer.concat(chunks, received) }));
    // 'close' before 'end' (or an 'error'): the client went away mid-body. A settled promise ignores the rest.
    req.once('error', () => resolve({ kind: 'aborted', received }));
    req.once('close', () => resolve({ kind: 'aborted', received }));
  });
  return { outcome, reserved: () => reserved };
}

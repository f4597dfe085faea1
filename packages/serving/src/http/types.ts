/**
 * The runtime-agnostic request and response of the HTTP core. Adapters (Lambda events, the local dev server)
 * translate into these and back; nothing here knows which runtime carried the bytes.
 */

/** One incoming request, already normalised by an adapter. */
export interface HttpRequest {
  /** Upper-case method, e.g. 'POST'. */
  readonly method: string;
  /** Path without query string or API stage prefix, e.g. '/'. */
  readonly path: string;
  /** Header names lower-cased; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  /** Query parameters; for repeated keys the last value wins. */
  readonly query: Readonly<Record<string, string>>;
  /** The decoded body (empty when there is none). */
  readonly body: Uint8Array;
  /** The id the platform gave this request, echoed in 500 responses and logs. */
  readonly requestId: string;
  /** When decoding and resizing its image must be done, in performance.now() milliseconds (absent: no deadline). */
  readonly deadline?: number;
}

/** The response an adapter turns back into its runtime's shape. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Text bodies (JSON, HTML) stay strings; binary ones are bytes. */
  readonly body: string | Uint8Array;
}

/** One class and its score: the `{"value", "score"}` answer of the classification route of the MNIST app. */
export interface Prediction {
  readonly value: number;
  readonly score: number;
  readonly label?: string;
}

/** What happened to one request, for the edge's structured log line and metrics. */
export interface RequestOutcome {
  readonly status: number;
  /** Size in bytes of the image the model saw (0 when none was extracted). */
  readonly inputBytes: number;
  /** The model that answered, on model routes. */
  readonly model?: string;
  readonly value?: number;
  readonly score?: number;
  /** The error code sent to the client, for 4xx/5xx responses. */
  readonly errorCode?: string;
  /** Set only for internal errors (500): logged with its stack, never sent. */
  readonly internalError?: unknown;
}

export interface HandledRequest {
  readonly response: HttpResponse;
  readonly outcome: RequestOutcome;
}

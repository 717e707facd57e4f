import { IsoSdkError, OperationFailedError, UntrustedOriginError } from '../core/errors.js'
import { wait as corePoll, type PollState } from '../core/poll.js'
import { parseJson } from '../core/response.js'
import { retryAfterMs } from '../core/retry.js'
import { sleep } from '../core/signals.js'
import { parseWith } from '../core/validate.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import type { Client, StandardSchemaV1 } from '../core/types.js'
import { buildRequest, opLabel, type OpSpec, type WriteOptions } from './call.js'
import { OperationCancelledError } from './errors.js'
import { operationSchema, type Operation } from './generated/schemas.js'
import { encodeSegment } from '../core/path.js'

/** The statuses of a Workiva operation: three on the way, three final. */
export type OperationStatus = 'acknowledged' | 'queued' | 'started' | 'completed' | 'failed' | 'cancelled'

/** What a long-running call returns (the API's 202): pass it to {@link wait}. */
export interface Accepted<B = undefined> {
  /** The response status (202). */
  status: number
  /** The `Location` header: the operation's URL. */
  location: string
  /** The operation id, from `location`. */
  operationId: string
  /** ms the server asked to wait before the first poll (`Retry-After`). */
  retryAfter?: number
  /** The 202's body, for the few operations that return one (e.g. an upload URL). */
  body: B
}

/** One poll's result: the core's `PollState` plus the operation as the API described it. */
export interface OperationState extends PollState<Operation> {
  operation: Operation
}

/** Options of {@link wait}. */
export interface WorkivaWaitOptions {
  /** ms until `result()` rejects with a `TimeoutError` carrying the last status. Default 300_000. */
  timeout?: number
  signal?: AbortSignal
  /** Called after every poll. May be async (the next poll waits for it); a throw or rejection rejects `poll()`/`result()`. */
  onProgress?: (state: OperationState) => void
  /** ms between polls when the API sends no `Retry-After`. Default 2_000. */
  interval?: number
  /** Floor of any wait between polls (the API allows about one poll a second). Default 250. */
  minInterval?: number
  /** Ceiling of any wait between polls. Default 60_000. */
  maxInterval?: number
}

/** Follows one Workiva operation (see {@link wait}). */
export interface WorkivaPoller {
  readonly operationId: string
  /** Whether the last poll found the operation finished (completed, failed or cancelled). */
  done(): boolean
  /** The last poll's result, if any. */
  latest(): OperationState | undefined
  /** Polls once; a failed operation is a state with `error` set, not a rejection. */
  poll(options?: { signal?: AbortSignal }): Promise<OperationState>
  /** Polls until the operation finishes: the completed `Operation`, or `OperationFailedError` / `OperationCancelledError` / `TimeoutError` / `AbortError`. */
  result(options?: { timeout?: number; signal?: AbortSignal }): Promise<Operation>
}

/** What {@link wait} accepts: a long-running call's result, its raw 202 `Response`, an operation URL or an operation id. */
export type WaitSource = Accepted<unknown> | Response | string

const WAIT_KEYS: OptionKeys<WorkivaWaitOptions> = { timeout: 1, signal: 1, onProgress: 1, interval: 1, minInterval: 1, maxInterval: 1 }
const LRO_KEYS: OptionKeys<LroOptions> = { signal: 1, timeout: 1, deadline: 1, idempotent: 1, wait: 1 }

const FINAL = /* @__PURE__ */ new Set(['completed', 'failed', 'cancelled'])
const OPERATION_ID = /\/operations\/([^/?#\s]+)/

function operationIdOf(location: string): string | undefined {
  const match = OPERATION_ID.exec(location)
  try {
    return match ? decodeURIComponent(match[1]!) : undefined
  } catch {
    // Bad percent-encoding from the server: no id, reported by the caller as a typed error.
    return undefined
  }
}

/** A body's JSON; a body that is not JSON is a typed error (no parser snippet: it would quote the body). */
function parseBody(text: string, what: string): unknown {
  try {
    return parseJson(text)
  } catch {
    throw new IsoSdkError(`Workiva ${what}: the body is not valid JSON`)
  }
}

/**
 * An operation URL the server gave must stay on the client's own origins: the poller asks the
 * platform by id, but an operation elsewhere is not this client's to follow.
 */
function checkOrigin(client: Client<unknown>, location: string, base?: string): string {
  const from = new URL(client.baseURL).origin
  let to: string
  try {
    to = new URL(location, base || client.baseURL).origin
  } catch {
    return location
  }
  const trusted = [from, ...(client.options.trustedOrigins ?? []).map((o) => new URL(o).origin)]
  if (!trusted.includes(to)) throw new UntrustedOriginError(`wait: the operation URL points to ${to}, not to this client's origins (${from})`, { from, to })
  return location
}

function describeDetails(operation: Operation): string {
  const details = operation.details ?? []
  const parts = details.map((d) => [d.code, d.target ? `(${d.target})` : undefined, d.message].filter(Boolean).join(' '))
  return parts.length ? `: ${parts.join('; ')}` : ''
}

/**
 * Follows a Workiva long-running operation (a 202 with `Location` + `Retry-After`) on the
 * Platform API's `GET /operations/{id}`, honouring each `Retry-After`. `result()` resolves with
 * the completed `Operation` (its `resourceUrl` points at the result); a `failed` operation
 * rejects with `OperationFailedError` (`details` = the API's details), a `cancelled` one with
 * `OperationCancelledError`, and the deadline (default 5 minutes) with the core's `TimeoutError`
 * whose `lastStatus` is the last status seen.
 *
 * @example
 * import { copyFile, wait } from 'isosdk/workiva'
 *
 * const accepted = await copyFile(client, { fileId, body: { destinationContainer: folderId } })
 * const operation = await wait(client, accepted, { onProgress: (s) => console.log(s.status) }).result({ timeout: 120_000 })
 * console.log(operation.resourceUrl)
 */
export function wait(client: Client<unknown>, source: WaitSource, options: WorkivaWaitOptions = {}): WorkivaPoller {
  checkOptionKeys('wait', options, WAIT_KEYS)
  let id: string | undefined
  let initialDelay: number | undefined
  if (typeof source === 'string') id = operationIdOf(checkOrigin(client, source)) ?? (source.includes('/') ? undefined : source)
  else if (source instanceof Response) {
    const location = source.headers.get('location')
    id = location ? operationIdOf(checkOrigin(client, location, source.url)) : undefined
    initialDelay = retryAfterMs(source.headers)
  } else {
    if (typeof source?.location === 'string' && source.location !== '') checkOrigin(client, source.location)
    id = source?.operationId
    initialDelay = source?.retryAfter
  }
  if (!id) throw new IsoSdkError('wait: no Workiva operation id (expected a 202 result with a Location like …/operations/{id}, or an operation id)')
  const operationId = id
  let notBefore = initialDelay ? Date.now() + initialDelay : 0

  const poller = corePoll<Operation>(
    client,
    {
      async poll(signal) {
        const delay = notBefore - Date.now()
        notBefore = 0
        if (delay > 0) await sleep(delay, signal)
        const response = await client.request<Response>({ path: `/operations/${encodeSegment(operationId)}`, responseType: 'response', signal })
        const raw = parseBody(await response.text(), `GET /operations/${operationId}`)
        const operation =
          client.options.validate === false
            ? (raw as Operation)
            : await parseWith(operationSchema as StandardSchemaV1<unknown, Operation>, raw, `GET /operations/${operationId} response`)
        const status = String(operation.status ?? 'unknown')
        const retryAfter = retryAfterMs(response.headers)
        const state: OperationState = { done: FINAL.has(status), status, operation, ...(retryAfter !== undefined && { retryAfter }) }
        if (status === 'completed') state.value = operation
        else if (status === 'failed') {
          state.error = new OperationFailedError(`Workiva operation ${operationId} failed${describeDetails(operation)}`, { operation, details: operation.details })
        } else if (status === 'cancelled') {
          state.error = new OperationCancelledError(`Workiva operation ${operationId} was cancelled${describeDetails(operation)}`, { operation, details: operation.details })
        }
        return state
      },
    },
    {
      timeout: options.timeout ?? 300_000,
      signal: options.signal,
      interval: options.interval ?? 2_000,
      minInterval: options.minInterval ?? 250,
      maxInterval: options.maxInterval ?? 60_000,
      onProgress: options.onProgress as ((state: PollState<Operation>) => void) | undefined,
    },
  )
  return Object.assign(poller, { operationId }) as WorkivaPoller
}

/** The 202 of a long-running call as an {@link Accepted}; its body is parsed with `schema` when the client validates.
 *
 * @example
 * const accepted = await acceptedFrom(client, await client.request<Response>({ method: 'POST', path: `/files/${id}/copy`, body, responseType: 'response' }))
 */
export async function acceptedFrom<B>(client: Client<unknown>, response: Response, schema?: StandardSchemaV1): Promise<Accepted<B>> {
  const location = response.headers.get('location') ?? ''
  const operationId = operationIdOf(location)
  if (!operationId) {
    await response.body?.cancel().catch(() => undefined)
    throw new IsoSdkError(`${response.url || 'The request'} answered ${response.status} without a Location …/operations/{id}: the operation cannot be followed`)
  }
  const text = await response.text()
  const raw = text === '' ? undefined : parseBody(text, `${response.status} response`)
  const body = (schema && raw !== undefined && client.options.validate !== false ? await parseWith(schema, raw, `${response.status} response`) : raw) as B
  const retryAfter = retryAfterMs(response.headers)
  return { status: response.status, location, operationId, ...(retryAfter !== undefined && { retryAfter }), body }
}

/**
 * Options of a long-running function: the call options, `idempotent` (see `WriteOptions`: only
 * when starting the operation twice is harmless — never for a copy or an import), and `wait` to
 * get the finished operation instead of the 202.
 */
export interface LroOptions extends WriteOptions {
  /** `true` (or wait options): poll until the operation finishes and resolve with it. */
  wait?: boolean | WorkivaWaitOptions
}

/** What a long-running function resolves to for options `O`: the `Operation` when it waits, else the `Accepted` 202. */
export type LroResult<O, B = undefined> = O extends { wait: false }
  ? Accepted<B>
  : O extends { wait: true | WorkivaWaitOptions }
    ? Operation
    : O extends { wait: boolean | WorkivaWaitOptions }
      ? Operation | Accepted<B>
      : Accepted<B>

/**
 * Runs a generated long-running operation: the 202 as an {@link Accepted}, or with
 * `{ wait: true }` (or wait options) the finished `Operation`.
 *
 * @example
 * const operation = await startOperation(client, copyFileSpec, { fileId, body }, { wait: { timeout: 60_000 } })
 */
export async function startOperation(client: Client<unknown>, o: OpSpec, params?: object, options?: LroOptions): Promise<Accepted<unknown> | Operation> {
  checkOptionKeys(opLabel(o), options, LRO_KEYS)
  if (options?.wait && options.wait !== true) checkOptionKeys(`${opLabel(o)} wait`, options.wait, WAIT_KEYS)
  const { wait: waitOptions, ...call } = options ?? {}
  const op = buildRequest(client, o, params, call)
  op.schema = undefined
  op.responseType = 'response'
  const accepted = await acceptedFrom<unknown>(client, (await client.request(op)) as Response, o.responseSchema)
  if (!waitOptions) return accepted
  return wait(client, accepted, { signal: call.signal, ...(waitOptions === true ? {} : waitOptions) }).result()
}

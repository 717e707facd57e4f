// Private helpers shared by the Bloomy resource files (not exported from `isosdk/bloomy`).
import * as v from 'valibot'
import type { CallOptions, Client, Paginated, RequestOp, StandardSchemaV1 } from '../core/types.js'
import { ValidationError } from '../core/errors.js'
import { paginate } from '../core/paginate.js'
import type { OptionKeys } from '../core/options.js'
import { mapConcurrent, validateInput } from '../index.js'
import { encodeSegment } from '../core/path.js'

/** A client made by `bloomy()` (or any plain `createClient` client). */
export type BloomyClient = Client<'bloomy'>

/** Option keys of the Bloomy functions (checked first, so an unknown key is a `TypeError` naming it). */
export const USER_KEYS: OptionKeys<CallOptions & { userId?: number }> = { signal: 1, timeout: 1, deadline: 1, userId: 1 }
export const USER_MEETING_KEYS: OptionKeys<CallOptions & { userId?: number; meetingId?: number }> = { signal: 1, timeout: 1, deadline: 1, userId: 1, meetingId: 1 }
export const USER_MEETING_CLOSED_KEYS: OptionKeys<CallOptions & { userId?: number; meetingId?: number; includeClosed?: boolean }> = {
  signal: 1,
  timeout: 1,
  deadline: 1,
  userId: 1,
  meetingId: 1,
  includeClosed: 1,
}
export const INCLUDE_CLOSED_KEYS: OptionKeys<CallOptions & { includeClosed?: boolean }> = { signal: 1, timeout: 1, deadline: 1, includeClosed: 1 }

/**
 * A Bloom Growth list (the API answers it whole, in one response) as a `Paginated`: `await` gives
 * every item, `for await` streams them. `load` runs on the first `await` or iteration, so its
 * argument checks reject there rather than throw at the call.
 */
export function onePage<T>(options: { signal?: AbortSignal } | undefined, load: () => Promise<T[]>): Paginated<T> {
  return paginate<T, never>(async () => ({ items: await load() }), { signal: options?.signal })
}

/** Positive integer ids, as Bloom Growth uses everywhere. */
export const Id = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.number('must be a number'),
  /* @__PURE__ */ v.safeInteger('must be an integer'),
  /* @__PURE__ */ v.minValue(1, 'must be ≥ 1'),
)
/** A non-blank title. */
export const Title = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('must be a string'), /* @__PURE__ */ v.trim(), /* @__PURE__ */ v.nonEmpty('must not be empty'))
/** A date as an ISO string or a `Date`; sent as given (strings) or as ISO (dates). */
export const DateInput = /* @__PURE__ */ v.union(
  [
    /* @__PURE__ */ v.pipe(
      /* @__PURE__ */ v.date(),
      /* @__PURE__ */ v.check((d) => !Number.isNaN(d.getTime()), 'must be a valid date'),
      /* @__PURE__ */ v.transform((d) => d.toISOString()),
    ),
    /* @__PURE__ */ v.pipe(
      /* @__PURE__ */ v.string(),
      /* @__PURE__ */ v.check((s) => !Number.isNaN(Date.parse(s)), 'must be a date'),
    ),
  ],
  'must be an ISO date string or a Date',
)

/** Checks one id argument; the error names `field`. */
export function checkId(value: unknown, context: string, field = 'id'): number {
  return validateInput(/* @__PURE__ */ v.object({ [field]: Id }), { [field]: value }, context)[field] as number
}

/** Checks an object argument (absent = `{}`). */
export function checkInput<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, context: string): T {
  return validateInput(schema, value ?? {}, context)
}

/** `userId` and `meetingId` select different endpoints: refuse both at once. */
export function exclusive(input: { userId?: number | undefined; meetingId?: number | undefined }, context: string): void {
  if (input.userId !== undefined && input.meetingId !== undefined) {
    throw new ValidationError(context, [{ path: 'meetingId', message: 'give either userId or meetingId, not both' }])
  }
}

/** The per-call options a resource function forwards to `client.request`. */
export function callOptions(options: CallOptions | undefined): CallOptions {
  return { signal: options?.signal, timeout: options?.timeout, deadline: options?.deadline }
}

/** Path segment helper: ids are numbers, but encode anyway (the core's rules: `.`/`..` refused). */
export function seg(value: number | string): string {
  return encodeSegment(value)
}

/**
 * A request's path from its template (`/users/{userId}`), each `{name}` filled with the encoded
 * value, and the template itself for telemetry: one source for both.
 *
 * @example
 * at('/users/{userId}/seats', { userId: 7 }) // { template: '/users/{userId}/seats', path: '/users/7/seats' }
 */
export function at(template: string, values: Record<string, number | string>): { template: string; path: string } {
  return { template, path: template.replace(/{(\w+)}/g, (_, name: string) => seg(values[name]!)) }
}

/**
 * Sends a read with its schema. With `validate: false` the core skips parsing, so the
 * PascalCase → camelCase mapping runs here instead: the caller gets the same shape either way.
 */
export async function send<T>(
  client: BloomyClient,
  op: RequestOp<T> & { schema: StandardSchemaV1<unknown, T> },
  map: (wire: never) => T,
  options?: CallOptions,
): Promise<T> {
  const value = await client.request<T>({ ...op, ...callOptions(options) })
  return client.options.validate === false ? map(value as never) : value
}

/** Sends a write whose response body is not needed. */
export async function sendVoid(client: BloomyClient, op: RequestOp, options?: CallOptions): Promise<void> {
  await client.request({ ...op, ...callOptions(options) })
}

/**
 * Runs tasks at once; the first failure aborts the signal the others got (so their requests are
 * cancelled) and rejects with that failure. `signal` (the caller's) cancels them all.
 */
export function allOrAbort<T extends readonly unknown[]>(
  tasks: { readonly [K in keyof T]: (signal: AbortSignal) => PromiseLike<T[K]> },
  signal?: AbortSignal,
): Promise<T> {
  const list = tasks as unknown as readonly ((signal: AbortSignal) => PromiseLike<unknown>)[]
  return mapConcurrent(list, (task, _index, linked) => task(linked), {
    concurrency: Math.max(1, list.length),
    signal,
  }) as unknown as Promise<T>
}

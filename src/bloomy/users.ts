import * as v from 'valibot'
import type { CallOptions } from '../core/types.js'
import { AbortError } from '../core/errors.js'
import {
  PositionListSchema,
  UserListSchema,
  UserSchema,
  toPosition,
  toUser,
  type Position,
  type SeatWire,
  type User,
  type UserDetails,
  type UserWire,
} from './schemas.js'
import { allOrAbort, checkId, checkInput, send, at, seg, onePage, type BloomyClient } from './_internal.js'
import { awaitWithSignal } from '../auth/single-flight.js'
import { CALL_OPTION_KEYS, checkOptionKeys, type OptionKeys } from '../core/options.js'
import type { Paginated } from '../core/types.js'

const GET_USER_KEYS: OptionKeys<GetUserOptions> = { signal: 1, timeout: 1, deadline: 1, directReports: 1, positions: 1 }
const LIST_USERS_KEYS: OptionKeys<ListUsersOptions> = { signal: 1, timeout: 1, deadline: 1, includePlaceholders: 1 }

/**
 * The user the API key belongs to (`GET users/mine`).
 *
 * @example
 * const me = await getCurrentUser(bloom)
 * console.log(me.name, me.id)
 */
export async function getCurrentUser(client: BloomyClient, options?: CallOptions): Promise<User> {
  checkOptionKeys('getCurrentUser', options, CALL_OPTION_KEYS)
  const user = send(client, { operation: 'getCurrentUser', path: '/users/mine', schema: UserSchema }, (w: UserWire) => toUser(w), options)
  if (!currentIds.has(client)) {
    // Share the id with functions that default to "me": in flight when nobody can cancel this
    // call, else only once it has succeeded (a caller's abort must not fail the others).
    if (options?.signal) {
      user.then(
        (u) => {
          if (!currentIds.has(client)) remember(client, Promise.resolve(u.id))
        },
        () => {},
      )
    }
    else remember(client, user.then((u) => u.id))
  }
  return user
}

// One lookup of `users/mine` per client, shared by every function that defaults to "me".
const currentIds = /* @__PURE__ */ new WeakMap<object, Promise<number>>()

function remember(client: BloomyClient, lookup: Promise<number>): Promise<number> {
  currentIds.set(client, lookup)
  lookup.catch(() => {
    if (currentIds.get(client) === lookup) currentIds.delete(client)
  })
  return lookup
}

/**
 * The current user's id, looked up once per client (single-flight; a failed lookup is retried next time).
 * The caller's `signal` stops the wait, not the shared lookup.
 * @internal
 */
export async function currentUserId(client: BloomyClient, options?: CallOptions): Promise<number> {
  const lookup =
    currentIds.get(client) ??
    remember(
      client,
      send(client, { operation: 'currentUserId', path: '/users/mine', schema: UserSchema }, (w: UserWire) => toUser(w), {
        timeout: options?.timeout,
        deadline: options?.deadline,
      }).then((u) => u.id),
    )
  return raceSignal(lookup, options?.signal)
}

/** `explicit` when given, else the current user's id. @internal */
export async function userIdOrMine(client: BloomyClient, explicit: number | undefined, options?: CallOptions): Promise<number> {
  return explicit !== undefined ? Promise.resolve(explicit) : currentUserId(client, options)
}

/** Waits for the shared lookup, or stops early (as an `AbortError`) when this caller's signal fires. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return awaitWithSignal(promise, signal).catch((error: unknown) => {
    throw signal?.aborted && error === signal.reason ? new AbortError('The call was aborted', { cause: error }) : error
  })
}

export interface GetUserOptions extends CallOptions {
  /** Also fetch `users/{id}/directreports`. */
  directReports?: boolean
  /** Also fetch `users/{id}/seats` (positions). */
  positions?: boolean
}

const GetUserFlags = /* @__PURE__ */ v.object({ directReports: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()), positions: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()) })

/**
 * One user, with their direct reports and positions when asked. The sub-calls run concurrently
 * with the user itself; if one fails the others are cancelled and the call rejects with that failure.
 *
 * @example
 * const grace = await getUser(bloom, 42, { directReports: true, positions: true })
 * console.log(grace.directReports?.map((r) => r.name), grace.positions?.[0]?.name)
 */
export async function getUser(client: BloomyClient, id: number, options?: GetUserOptions): Promise<UserDetails> {
  checkOptionKeys('getUser', options, GET_USER_KEYS)
  const userId = checkId(id, 'getUser')
  const flags = checkInput(GetUserFlags, { directReports: options?.directReports, positions: options?.positions }, 'getUser')
  const call = { timeout: options?.timeout, deadline: options?.deadline }
  const none = () => Promise.resolve(undefined)
  const [user, directReports, positions] = await allOrAbort<[User, User[] | undefined, Position[] | undefined]>(
    [
      (signal) => send(client, { operation: 'getUser', ...at('/users/{userId}', { userId }), schema: UserSchema }, (w: UserWire) => toUser(w), { ...call, signal }),
      flags.directReports
        ? (signal) =>
            send(client, { operation: 'getUser', ...at('/users/{userId}/directreports', { userId }), schema: UserListSchema }, (w: UserWire[]) => w.map(toUser), {
              ...call,
              signal,
            })
        : none,
      flags.positions
        ? (signal) =>
            send(client, { operation: 'getUser', ...at('/users/{userId}/seats', { userId }), schema: PositionListSchema }, (w: SeatWire[]) => w.map(toPosition), {
              ...call,
              signal,
            })
        : none,
    ],
    options?.signal,
  )
  const details: UserDetails = { ...user }
  if (directReports) details.directReports = directReports
  if (positions) details.positions = positions
  return details
}

const SearchTerm = /* @__PURE__ */ v.object({ term: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('must be a string'), /* @__PURE__ */ v.trim(), /* @__PURE__ */ v.nonEmpty('must not be empty')) })

/**
 * Users whose name or email matches `term` (`GET search/user?term=`).
 *
 * @example
 * const johns = await searchUsers(bloom, 'john')
 */
export async function searchUsers(client: BloomyClient, term: string, options?: CallOptions): Promise<User[]> {
  checkOptionKeys('searchUsers', options, CALL_OPTION_KEYS)
  const input = checkInput(SearchTerm, { term }, 'searchUsers')
  return send(
    client,
    { operation: 'searchUsers', path: '/search/user', query: { term: input.term }, schema: UserListSchema },
    (w: UserWire[]) => w.map(toUser),
    options,
  )
}

export interface ListUsersOptions extends CallOptions {
  /** Keep placeholder users (no email). Default false. */
  includePlaceholders?: boolean
}

const ListUsersFlags = /* @__PURE__ */ v.object({ includePlaceholders: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()) })

/**
 * Every user in the organization (`GET search/all?term=%`, people only; placeholders without an
 * email are left out unless `includePlaceholders`).
 *
 * @example
 * const everyone = await listUsers(bloom)
 * const withSeats = await listUsers(bloom, { includePlaceholders: true })
 */
export function listUsers(client: BloomyClient, options?: ListUsersOptions): Paginated<User> {
  return onePage(options, async () => {
    checkOptionKeys('listUsers', options, LIST_USERS_KEYS)
    const flags = checkInput(ListUsersFlags, { includePlaceholders: options?.includePlaceholders }, 'listUsers')
    const all = await send(
      client,
      { operation: 'listUsers', path: '/search/all', query: { term: '%' }, schema: UserListSchema },
      (w: UserWire[]) => w.map(toUser),
      options,
    )
    return all.filter((u) => u.resultType === 'User' && (flags.includePlaceholders || !!u.email))
  })
}

import * as v from 'valibot'
import type { CallOptions } from '../core/types.js'
import { ValidationError } from '../core/errors.js'
import { GoalListSchema, GoalSchema, toGoal, type Goal, type GoalWire } from './schemas.js'
import { Id, Title, checkId, checkInput, exclusive, send, sendVoid, at, seg, onePage, USER_KEYS, USER_MEETING_KEYS, type BloomyClient } from './_internal.js'
import { userIdOrMine } from './users.js'
import { CALL_OPTION_KEYS, checkOptionKeys } from '../core/options.js'
import type { Paginated } from '../core/types.js'

/** A goal's status as the API names it. */
export type GoalStatus = 'OnTrack' | 'AtRisk' | 'Complete'

export interface ListGoalsOptions extends CallOptions {
  /** Goals of this user (`GET rocks/user/{id}?include_origin=true`); default the current user. Not with `meetingId`. */
  userId?: number
  /** Goals attached to this meeting (`GET L10/{id}/rocks`, path unverified). Not with `userId`. */
  meetingId?: number
}

const ListGoalsInput = /* @__PURE__ */ v.object({ userId: /* @__PURE__ */ v.optional(Id), meetingId: /* @__PURE__ */ v.optional(Id) })

/**
 * Active goals (rocks) of a user (default: you) or of a meeting.
 *
 * @example
 * const rocks = await listGoals(bloom)
 * const meetingRocks = await listGoals(bloom, { meetingId: 123 })
 */
export function listGoals(client: BloomyClient, options?: ListGoalsOptions): Paginated<Goal> {
  return onePage(options, async () => {
    checkOptionKeys('listGoals', options, USER_MEETING_KEYS)
    const input = checkInput(ListGoalsInput, { userId: options?.userId, meetingId: options?.meetingId }, 'listGoals')
    exclusive(input, 'listGoals')
    if (input.meetingId !== undefined) {
      return send(
        client,
        { operation: 'listGoals', ...at('/L10/{meetingId}/rocks', { meetingId: input.meetingId }), schema: GoalListSchema },
        (w: GoalWire[]) => w.map(toGoal),
        options,
      )
    }
    const userId = await userIdOrMine(client, input.userId, options)
    return send(
      client,
      { operation: 'listGoals', ...at('/rocks/user/{userId}', { userId }), query: { include_origin: true }, schema: GoalListSchema },
      (w: GoalWire[]) => w.map(toGoal),
      options,
    )
  })
}

const UserOnly = /* @__PURE__ */ v.object({ userId: /* @__PURE__ */ v.optional(Id) })

/**
 * Archived goals of a user (`GET archivedrocks/user/{id}`); default the current user.
 *
 * @example
 * const archived = await listArchivedGoals(bloom)
 */
export function listArchivedGoals(client: BloomyClient, options?: CallOptions & { userId?: number }): Paginated<Goal> {
  return onePage(options, async () => {
    checkOptionKeys('listArchivedGoals', options, USER_KEYS)
    const input = checkInput(UserOnly, { userId: options?.userId }, 'listArchivedGoals')
    const userId = await userIdOrMine(client, input.userId, options)
    return send(
      client,
      { operation: 'listArchivedGoals', ...at('/archivedrocks/user/{userId}', { userId }), schema: GoalListSchema },
      (w: GoalWire[]) => w.map(toGoal),
      options,
    )
  })
}

/**
 * One goal (`GET rocks/{id}`; path unverified against the live API).
 *
 * @example
 * const rock = await getGoal(bloom, 77)
 */
export async function getGoal(client: BloomyClient, id: number, options?: CallOptions): Promise<Goal> {
  checkOptionKeys('getGoal', options, CALL_OPTION_KEYS)
  const goalId = checkId(id, 'getGoal')
  return send(client, { operation: 'getGoal', ...at('/rocks/{goalId}', { goalId }), schema: GoalSchema }, (w: GoalWire) => toGoal(w), options)
}

export interface CreateGoalInput {
  meetingId: number
  title: string
  /** Accountable user; default the current user. */
  ownerId?: number
}

const CreateGoalSchema = /* @__PURE__ */ v.object({ meetingId: Id, title: Title, ownerId: /* @__PURE__ */ v.optional(Id) })

/**
 * Creates a goal in a meeting (`POST L10/{meetingId}/rocks`).
 *
 * @example
 * const rock = await createGoal(bloom, { meetingId: 123, title: 'Ship v2' })
 */
export async function createGoal(client: BloomyClient, input: CreateGoalInput, options?: CallOptions): Promise<Goal> {
  checkOptionKeys('createGoal', options, CALL_OPTION_KEYS)
  const data = checkInput(CreateGoalSchema, input, 'createGoal')
  const ownerId = await userIdOrMine(client, data.ownerId, options)
  const goal = await send(
    client,
    {
      operation: 'createGoal',
      ...at('/L10/{meetingId}/rocks', { meetingId: data.meetingId }),
      method: 'POST',
      body: { title: data.title, accountableUserId: ownerId },
      schema: GoalSchema,
    },
    (w: GoalWire) => toGoal(w),
    options,
  )
  // The create response may leave out the name: it is what we sent.
  return { ...goal, name: goal.name || data.title }
}

export interface UpdateGoalInput {
  title?: string
  /** New accountable user. */
  ownerId?: number
  status?: GoalStatus
}

const UpdateGoalSchema = /* @__PURE__ */ v.object({
  title: /* @__PURE__ */ v.optional(Title),
  ownerId: /* @__PURE__ */ v.optional(Id),
  status: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.picklist(['OnTrack', 'AtRisk', 'Complete'], 'must be OnTrack, AtRisk or Complete')),
})

/**
 * Changes a goal's title, owner and/or status (`PUT rocks/{id}`). At least one field is required.
 * Unlike the Python SDK, the owner is left alone unless you pass `ownerId`.
 *
 * @example
 * await updateGoal(bloom, 77, { status: 'AtRisk' })
 */
export async function updateGoal(client: BloomyClient, id: number, input: UpdateGoalInput, options?: CallOptions): Promise<void> {
  checkOptionKeys('updateGoal', options, CALL_OPTION_KEYS)
  const goalId = checkId(id, 'updateGoal')
  const data = checkInput(UpdateGoalSchema, input, 'updateGoal')
  if (data.title === undefined && data.ownerId === undefined && data.status === undefined) {
    throw new ValidationError('updateGoal', [{ path: 'title', message: 'give title, ownerId and/or status' }])
  }
  return sendVoid(
    client,
    {
      operation: 'updateGoal',
      ...at('/rocks/{goalId}', { goalId }),
      method: 'PUT',
      body: { title: data.title, accountableUserId: data.ownerId, completion: data.status },
    },
    options,
  )
}

/**
 * Marks a goal complete (`PUT rocks/{id}` with `completion: "Complete"`).
 *
 * @example
 * await completeGoal(bloom, 77)
 */
export async function completeGoal(client: BloomyClient, id: number, options?: CallOptions): Promise<void> {
  checkOptionKeys('completeGoal', options, CALL_OPTION_KEYS)
  const goalId = checkId(id, 'completeGoal')
  return sendVoid(client, { operation: 'completeGoal', ...at('/rocks/{goalId}', { goalId }), method: 'PUT', body: { completion: 'Complete' } }, options)
}

/**
 * Archives a goal (`PUT rocks/{id}/archive`).
 *
 * @example
 * await archiveGoal(bloom, 77)
 */
export async function archiveGoal(client: BloomyClient, id: number, options?: CallOptions): Promise<void> {
  checkOptionKeys('archiveGoal', options, CALL_OPTION_KEYS)
  const goalId = checkId(id, 'archiveGoal')
  return sendVoid(client, { operation: 'archiveGoal', ...at('/rocks/{goalId}/archive', { goalId }), method: 'PUT',  }, options)
}

/**
 * Restores an archived goal (`PUT rocks/{id}/restore`).
 *
 * @example
 * await restoreGoal(bloom, 77)
 */
export async function restoreGoal(client: BloomyClient, id: number, options?: CallOptions): Promise<void> {
  checkOptionKeys('restoreGoal', options, CALL_OPTION_KEYS)
  const goalId = checkId(id, 'restoreGoal')
  return sendVoid(client, { operation: 'restoreGoal', ...at('/rocks/{goalId}/restore', { goalId }), method: 'PUT',  }, options)
}

/**
 * Deletes a goal (`DELETE rocks/{id}`).
 *
 * @example
 * await deleteGoal(bloom, 77)
 */
export async function deleteGoal(client: BloomyClient, id: number, options?: CallOptions): Promise<void> {
  checkOptionKeys('deleteGoal', options, CALL_OPTION_KEYS)
  const goalId = checkId(id, 'deleteGoal')
  return sendVoid(client, { operation: 'deleteGoal', ...at('/rocks/{goalId}', { goalId }), method: 'DELETE',  }, options)
}

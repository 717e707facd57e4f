import * as v from 'valibot'
import type { CallOptions } from '../core/types.js'
import { ValidationError } from '../core/errors.js'
import {
  MeasurableListSchema,
  MeasurableSchema,
  ScorecardSchema,
  WeekSchema,
  toMeasurable,
  toScores,
  toWeek,
  type Measurable,
  type MeasurableWire,
  type Score,
  type ScorecardWire,
  type Week,
  type WeekWire,
} from './schemas.js'
import { callOptions, Id, Title, allOrAbort, checkId, checkInput, exclusive, send, sendVoid, at, seg, onePage, USER_MEETING_KEYS, type BloomyClient } from './_internal.js'
import { listMeetingMetrics } from './meetings.js'
import { userIdOrMine } from './users.js'
import { CALL_OPTION_KEYS, checkOptionKeys, type OptionKeys } from '../core/options.js'
import type { Paginated } from '../core/types.js'

const LIST_SCORES_KEYS: OptionKeys<ListScoresOptions> = { signal: 1, timeout: 1, deadline: 1, userId: 1, meetingId: 1, weekOffset: 1, showEmpty: 1 }
const GET_SCORE_KEYS: OptionKeys<CallOptions & { userId?: number; weekOffset?: number }> = { signal: 1, timeout: 1, deadline: 1, userId: 1, weekOffset: 1 }

/**
 * The current scorecard week (`GET weeks/current`).
 *
 * @example
 * const week = await getCurrentWeek(bloom)
 * console.log(week.forWeekNumber, week.localDate)
 */
export async function getCurrentWeek(client: BloomyClient, options?: CallOptions): Promise<Week> {
  checkOptionKeys('getCurrentWeek', options, CALL_OPTION_KEYS)
  return send(client, { operation: 'getCurrentWeek', path: '/weeks/current', schema: WeekSchema }, (w: WeekWire) => toWeek(w), options)
}

export interface ListMeasurablesOptions extends CallOptions {
  /** Measurables owned by this user (`GET measurables/user/{id}`, path unverified); default the current user. */
  userId?: number
  /** Measurables on this meeting's scorecard (`GET L10/{id}/measurables`). Not with `userId`. */
  meetingId?: number
}

const ListMeasurablesInput = /* @__PURE__ */ v.object({ userId: /* @__PURE__ */ v.optional(Id), meetingId: /* @__PURE__ */ v.optional(Id) })

/**
 * Scorecard measurables of a user (default: you) or of a meeting.
 *
 * @example
 * const mine = await listMeasurables(bloom)
 * const meetingMetrics = await listMeasurables(bloom, { meetingId: 123 })
 */
export function listMeasurables(client: BloomyClient, options?: ListMeasurablesOptions): Paginated<Measurable> {
  return onePage(options, async () => {
    checkOptionKeys('listMeasurables', options, USER_MEETING_KEYS)
    const input = checkInput(ListMeasurablesInput, { userId: options?.userId, meetingId: options?.meetingId }, 'listMeasurables')
    exclusive(input, 'listMeasurables')
    if (input.meetingId !== undefined) return listMeetingMetrics(client, input.meetingId, callOptions(options))
    const userId = await userIdOrMine(client, input.userId, options)
    return send(
      client,
      { operation: 'listMeasurables', ...at('/measurables/user/{userId}', { userId }), schema: MeasurableListSchema },
      (w: MeasurableWire[]) => w.map(toMeasurable),
      options,
    )
  })
}

/**
 * One measurable (`GET measurables/{id}`; path unverified against the live API).
 *
 * @example
 * const m = await getMeasurable(bloom, 300)
 */
export async function getMeasurable(client: BloomyClient, id: number, options?: CallOptions): Promise<Measurable> {
  checkOptionKeys('getMeasurable', options, CALL_OPTION_KEYS)
  const measurableId = checkId(id, 'getMeasurable')
  return send(
    client,
    { operation: 'getMeasurable', ...at('/measurables/{measurableId}', { measurableId }), schema: MeasurableSchema },
    (w: MeasurableWire) => toMeasurable(w),
    options,
  )
}

export interface CreateMeasurableInput {
  meetingId: number
  title: string
  target: number
  /** How a value compares with the target, e.g. `GreaterThan` (default), `LessThan`, `EqualTo`. */
  direction?: string
  /** Unit, e.g. `Number` (default), `Dollar`, `Percent`. */
  unitType?: string
  /** Accountable user; default the current user. */
  ownerId?: number
}

const Finite = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number('must be a number'), /* @__PURE__ */ v.finite('must be finite'))
const Word = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('must be a string'), /* @__PURE__ */ v.trim(), /* @__PURE__ */ v.nonEmpty('must not be empty'))

const CreateMeasurableSchema = /* @__PURE__ */ v.object({
  meetingId: Id,
  title: Title,
  target: Finite,
  direction: /* @__PURE__ */ v.optional(Word),
  unitType: /* @__PURE__ */ v.optional(Word),
  ownerId: /* @__PURE__ */ v.optional(Id),
})

/**
 * Adds a measurable to a meeting's scorecard (`POST L10/{meetingId}/measurables`; path unverified).
 *
 * @example
 * const m = await createMeasurable(bloom, { meetingId: 123, title: 'Weekly sales', target: 10000, unitType: 'Dollar' })
 */
export async function createMeasurable(
  client: BloomyClient,
  input: CreateMeasurableInput,
  options?: CallOptions,
): Promise<Measurable> {
  checkOptionKeys('createMeasurable', options, CALL_OPTION_KEYS)
  const data = checkInput(CreateMeasurableSchema, input, 'createMeasurable')
  const ownerId = await userIdOrMine(client, data.ownerId, options)
  return send(
    client,
    {
      operation: 'createMeasurable',
      ...at('/L10/{meetingId}/measurables', { meetingId: data.meetingId }),
      method: 'POST',
      body: {
        title: data.title,
        target: data.target,
        direction: data.direction ?? 'GreaterThan',
        unitType: data.unitType ?? 'Number',
        accountableUserId: ownerId,
      },
      schema: MeasurableSchema,
    },
    (w: MeasurableWire) => toMeasurable(w),
    options,
  )
}

export interface UpdateMeasurableInput {
  title?: string
  target?: number
  direction?: string
  ownerId?: number
}

const UpdateMeasurableSchema = /* @__PURE__ */ v.object({
  title: /* @__PURE__ */ v.optional(Title),
  target: /* @__PURE__ */ v.optional(Finite),
  direction: /* @__PURE__ */ v.optional(Word),
  ownerId: /* @__PURE__ */ v.optional(Id),
})

/**
 * Changes a measurable (`PUT measurables/{id}`; path unverified). At least one field is required.
 *
 * @example
 * await updateMeasurable(bloom, 300, { target: 12000 })
 */
export async function updateMeasurable(
  client: BloomyClient,
  id: number,
  input: UpdateMeasurableInput,
  options?: CallOptions,
): Promise<void> {
  checkOptionKeys('updateMeasurable', options, CALL_OPTION_KEYS)
  const measurableId = checkId(id, 'updateMeasurable')
  const data = checkInput(UpdateMeasurableSchema, input, 'updateMeasurable')
  if (Object.values(data).every((value) => value === undefined)) {
    throw new ValidationError('updateMeasurable', [{ path: 'title', message: 'give title, target, direction and/or ownerId' }])
  }
  return sendVoid(
    client,
    {
      operation: 'updateMeasurable',
      ...at('/measurables/{measurableId}', { measurableId }),
      method: 'PUT',
      body: { title: data.title, target: data.target, direction: data.direction, accountableUserId: data.ownerId },
    },
    options,
  )
}

export interface ListScoresOptions extends CallOptions {
  /** Scores of this user's measurables (`GET scorecard/user/{id}`); default the current user. */
  userId?: number
  /** Scores of this meeting's scorecard (`GET scorecard/meeting/{id}`). Not with `userId`. */
  meetingId?: number
  /** Only the week `current + weekOffset` (e.g. `-1` for last week); fetches `weeks/current` concurrently. */
  weekOffset?: number
  /** Keep scores nobody entered. Default false. */
  showEmpty?: boolean
}

const ListScoresInput = /* @__PURE__ */ v.object({
  userId: /* @__PURE__ */ v.optional(Id),
  meetingId: /* @__PURE__ */ v.optional(Id),
  weekOffset: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number('must be a number'), /* @__PURE__ */ v.safeInteger('must be an integer'))),
  showEmpty: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()),
})

/**
 * Scorecard values of a user (default: you) or of a meeting, optionally for one week.
 *
 * @example
 * const lastWeek = await listScores(bloom, { meetingId: 123, weekOffset: -1, showEmpty: true })
 */
export function listScores(client: BloomyClient, options?: ListScoresOptions): Paginated<Score> {
  return onePage(options, async () => {
    checkOptionKeys('listScores', options, LIST_SCORES_KEYS)
    const input = checkInput(
      ListScoresInput,
      { userId: options?.userId, meetingId: options?.meetingId, weekOffset: options?.weekOffset, showEmpty: options?.showEmpty },
      'listScores',
    )
    exclusive(input, 'listScores')
    const path =
      input.meetingId !== undefined
        ? `/scorecard/meeting/${seg(input.meetingId)}`
        : `/scorecard/user/${seg(await userIdOrMine(client, input.userId, options))}`
    const call = { timeout: options?.timeout, deadline: options?.deadline }
    const [scores, week] = await allOrAbort<[Score[], Week | undefined]>(
      [
        (signal) => send(client, { operation: 'listScores', path, schema: ScorecardSchema }, (w: ScorecardWire) => toScores(w), { ...call, signal }),
        (signal) =>
          input.weekOffset === undefined ? Promise.resolve(undefined) : getCurrentWeek(client, { ...call, signal }),
      ],
      options?.signal,
    )
    let result = scores
    if (week && input.weekOffset !== undefined) {
      const wanted = week.forWeekNumber + input.weekOffset
      result = result.filter((s) => s.forWeek === wanted)
    }
    if (!input.showEmpty) result = result.filter((s) => s.measured !== undefined)
    return result
  })
}

/**
 * One measurable's score for a week (default this week) of a user's scorecard, or `undefined`.
 *
 * @example
 * const score = await getScore(bloom, 300, { weekOffset: -1 })
 * console.log(score?.measured, score?.target)
 */
export async function getScore(
  client: BloomyClient,
  measurableId: number,
  options?: CallOptions & { userId?: number; weekOffset?: number },
): Promise<Score | undefined> {
  checkOptionKeys('getScore', options, GET_SCORE_KEYS)
  const id = checkId(measurableId, 'getScore', 'measurableId')
  const scores = await listScores(client, {
    ...options,
    meetingId: undefined,
    weekOffset: options?.weekOffset ?? 0,
    showEmpty: true,
  })
  return scores.find((s) => s.measurableId === id)
}

export interface ScoreMeasurableInput {
  value: number
  /** Week relative to the current one (e.g. `-1` for last week). Default 0. */
  weekOffset?: number
}

const ScoreInput = /* @__PURE__ */ v.object({
  value: Finite,
  weekOffset: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number('must be a number'), /* @__PURE__ */ v.safeInteger('must be an integer'))),
})

/**
 * Enters a measurable's value for a week: `GET weeks/current`, then
 * `PUT measurables/{id}/week/{weekNumber}` with `{ value }`.
 *
 * @example
 * await scoreMeasurable(bloom, 300, { value: 12500 })
 * await scoreMeasurable(bloom, 300, { value: 9000, weekOffset: -1 })
 */
export async function scoreMeasurable(
  client: BloomyClient,
  measurableId: number,
  input: ScoreMeasurableInput,
  options?: CallOptions,
): Promise<void> {
  checkOptionKeys('scoreMeasurable', options, CALL_OPTION_KEYS)
  const id = checkId(measurableId, 'scoreMeasurable', 'measurableId')
  const data = checkInput(ScoreInput, input, 'scoreMeasurable')
  const week = await getCurrentWeek(client, options)
  const weekNumber = week.forWeekNumber + (data.weekOffset ?? 0)
  return sendVoid(
    client,
    { operation: 'scoreMeasurable', ...at('/measurables/{id}/week/{weekNumber}', { id, weekNumber }), method: 'PUT', body: { value: data.value } },
    options,
  )
}

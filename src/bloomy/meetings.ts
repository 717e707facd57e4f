import * as v from 'valibot'
import type { CallOptions } from '../core/types.js'
import {
  CreatedMeetingWireSchema,
  IssueListSchema,
  MeetingListSchema,
  MeetingSchema,
  MeasurableSchema,
  TodoListSchema,
  UserListSchema,
  toIssue,
  toMeasurable,
  toMeeting,
  toTodo,
  toUser,
  type CreatedMeeting,
  type CreatedMeetingWire,
  type IssueWire,
  type Issue,
  type Measurable,
  type MeasurableWire,
  type Meeting,
  type MeetingWire,
  type Todo,
  type TodoWire,
  type User,
  type UserWire,
} from './schemas.js'
import { Id, Title, checkId, checkInput, send, sendVoid, at, seg, onePage, USER_KEYS, INCLUDE_CLOSED_KEYS, type BloomyClient } from './_internal.js'
import { userIdOrMine } from './users.js'
import { CALL_OPTION_KEYS, checkOptionKeys } from '../core/options.js'
import type { Paginated } from '../core/types.js'

export interface ListMeetingsOptions extends CallOptions {
  /** Whose meetings; default the current user. */
  userId?: number
}

const ListMeetingsInput = /* @__PURE__ */ v.object({ userId: /* @__PURE__ */ v.optional(Id) })

/**
 * The meetings (L10s) a user attends (`GET L10/{userId}/list`); default the current user.
 *
 * @example
 * const meetings = await listMeetings(bloom)
 * const hers = await listMeetings(bloom, { userId: 42 })
 */
export function listMeetings(client: BloomyClient, options?: ListMeetingsOptions): Paginated<Meeting> {
  return onePage(options, async () => {
    checkOptionKeys('listMeetings', options, USER_KEYS)
    const input = checkInput(ListMeetingsInput, { userId: options?.userId }, 'listMeetings')
    const userId = await userIdOrMine(client, input.userId, options)
    return send(
      client,
      { operation: 'listMeetings', ...at('/L10/{userId}/list', { userId }), schema: MeetingListSchema },
      (w: MeetingWire[]) => w.map(toMeeting),
      options,
    )
  })
}

/**
 * One meeting (`GET L10/{id}`).
 *
 * @example
 * const meeting = await getMeeting(bloom, 123)
 * console.log(meeting.name, meeting.startDateUtc)
 */
export async function getMeeting(client: BloomyClient, id: number, options?: CallOptions): Promise<Meeting> {
  checkOptionKeys('getMeeting', options, CALL_OPTION_KEYS)
  const meetingId = checkId(id, 'getMeeting')
  return send(client, { operation: 'getMeeting', ...at('/L10/{meetingId}', { meetingId }), schema: MeetingSchema }, (w: MeetingWire) => toMeeting(w), options)
}

/**
 * A meeting's attendees (`GET L10/{id}/attendees`).
 *
 * @example
 * const people = await listAttendees(bloom, 123)
 */
export function listAttendees(client: BloomyClient, meetingId: number, options?: CallOptions): Paginated<User> {
  return onePage(options, async () => {
    checkOptionKeys('listAttendees', options, CALL_OPTION_KEYS)
    const id = checkId(meetingId, 'listAttendees', 'meetingId')
    return send(
      client,
      { operation: 'listAttendees', ...at('/L10/{id}/attendees', { id }), schema: UserListSchema },
      (w: UserWire[]) => w.map(toUser),
      options,
    )
  })
}

export interface IncludeClosedOptions extends CallOptions {
  /** Also return closed (resolved / completed) items. Default false. */
  includeClosed?: boolean
}

const IncludeClosed = /* @__PURE__ */ v.object({ includeClosed: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()) })

/**
 * A meeting's open issues (`GET L10/{id}/issues?include_resolved=false`); `includeClosed` adds solved ones.
 *
 * @example
 * const issues = await listMeetingIssues(bloom, 123, { includeClosed: true })
 */
export function listMeetingIssues(client: BloomyClient, meetingId: number, options?: IncludeClosedOptions): Paginated<Issue> {
  return onePage(options, async () => {
    checkOptionKeys('listMeetingIssues', options, INCLUDE_CLOSED_KEYS)
    const id = checkId(meetingId, 'listMeetingIssues', 'meetingId')
    const flags = checkInput(IncludeClosed, { includeClosed: options?.includeClosed }, 'listMeetingIssues')
    return send(
      client,
      { operation: 'listMeetingIssues', ...at('/L10/{id}/issues', { id }), query: { include_resolved: flags.includeClosed ?? false }, schema: IssueListSchema },
      (w: IssueWire[]) => w.map(toIssue),
      options,
    )
  })
}

/**
 * A meeting's open todos (`GET L10/{id}/todos?INCLUDE_CLOSED=false`); `includeClosed` adds done ones.
 *
 * @example
 * const todos = await listMeetingTodos(bloom, 123)
 */
export function listMeetingTodos(client: BloomyClient, meetingId: number, options?: IncludeClosedOptions): Paginated<Todo> {
  return onePage(options, async () => {
    checkOptionKeys('listMeetingTodos', options, INCLUDE_CLOSED_KEYS)
    const id = checkId(meetingId, 'listMeetingTodos', 'meetingId')
    const flags = checkInput(IncludeClosed, { includeClosed: options?.includeClosed }, 'listMeetingTodos')
    return send(
      client,
      { operation: 'listMeetingTodos', ...at('/L10/{id}/todos', { id }), query: { INCLUDE_CLOSED: flags.includeClosed ?? false }, schema: TodoListSchema },
      (w: TodoWire[]) => w.map(toTodo),
      options,
    )
  })
}

// The scorecard of a meeting mixes measurables with rows that have no id or name (dividers):
// the Python SDK skips them, and so do we, before parsing the rest strictly.
function isMeasurableRow(row: unknown): boolean {
  if (typeof row !== 'object' || row === null) return false
  const r = row as { Id?: unknown; Name?: unknown }
  return typeof r.Id === 'number' && typeof r.Name === 'string' && r.Name.trim() !== ''
}

/** `L10/{id}/measurables`: rows without `Id`/`Name` dropped, the rest parsed as measurables. */
export const MeetingMetricsSchema = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.array(/* @__PURE__ */ v.unknown()),
  /* @__PURE__ */ v.filterItems(isMeasurableRow),
  /* @__PURE__ */ v.array(MeasurableSchema),
)

/**
 * A meeting's scorecard measurables (`GET L10/{id}/measurables`; divider rows are skipped).
 *
 * @example
 * const metrics = await listMeetingMetrics(bloom, 123)
 * for (const m of metrics) console.log(m.name, m.target, m.direction)
 */
export function listMeetingMetrics(client: BloomyClient, meetingId: number, options?: CallOptions): Paginated<Measurable> {
  return onePage(options, async () => {
    checkOptionKeys('listMeetingMetrics', options, CALL_OPTION_KEYS)
    const id = checkId(meetingId, 'listMeetingMetrics', 'meetingId')
    return send(
      client,
      { operation: 'listMeetingMetrics', ...at('/L10/{id}/measurables', { id }), schema: MeetingMetricsSchema },
      (w: unknown[]) => w.filter(isMeasurableRow).map((row) => toMeasurable(row as MeasurableWire)),
      options,
    )
  })
}

export interface CreateMeetingInput {
  title: string
  /** User ids to add as attendees (added concurrently after the meeting exists). */
  attendees?: number[]
  /** Add yourself as an attendee. Default true. */
  addSelf?: boolean
}

const CreateMeetingSchema = /* @__PURE__ */ v.object({
  title: Title,
  attendees: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.array(Id)),
  addSelf: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()),
})

/**
 * Creates a meeting (`POST L10/create`), then adds each attendee concurrently
 * (`POST L10/{id}/attendees/{userId}`). An attendee the API refuses does not lose the meeting:
 * it is listed in `failedAttendees` with its error.
 *
 * @example
 * const m = await createMeeting(bloom, { title: 'Weekly L10', attendees: [2, 3] })
 * if (m.failedAttendees.length) console.warn(m.failedAttendees)
 */
export async function createMeeting(
  client: BloomyClient,
  input: CreateMeetingInput,
  options?: CallOptions,
): Promise<CreatedMeeting> {
  checkOptionKeys('createMeeting', options, CALL_OPTION_KEYS)
  const data = checkInput(CreateMeetingSchema, input, 'createMeeting')
  const created = await send(
    client,
    {
      operation: 'createMeeting',
      method: 'POST',
      path: '/L10/create',
      body: { title: data.title, addSelf: data.addSelf ?? true },
      schema: CreatedMeetingWireSchema,
    },
    (w: CreatedMeetingWire) => w,
    options,
  )
  const attendees = [...new Set(data.attendees ?? [])]
  const outcomes = await Promise.allSettled(
    attendees.map((userId) =>
      sendVoid(
        client,
        { operation: 'createMeeting', ...at('/L10/{meetingId}/attendees/{userId}', { meetingId: created.meetingId, userId }), method: 'POST', idempotent: true },
        options,
      ),
    ),
  )
  const result: CreatedMeeting = { id: created.meetingId, name: data.title, attendees: [], failedAttendees: [] }
  outcomes.forEach((outcome, i) => {
    const userId = attendees[i] as number
    if (outcome.status === 'fulfilled') result.attendees.push(userId)
    else result.failedAttendees.push({ userId, error: toError(outcome.reason) })
  })
  return result
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason))
}

/**
 * Deletes a meeting (`DELETE L10/{id}`).
 *
 * @example
 * await deleteMeeting(bloom, 123)
 */
export async function deleteMeeting(client: BloomyClient, id: number, options?: CallOptions): Promise<void> {
  checkOptionKeys('deleteMeeting', options, CALL_OPTION_KEYS)
  const meetingId = checkId(id, 'deleteMeeting')
  return sendVoid(client, { operation: 'deleteMeeting', ...at('/L10/{meetingId}', { meetingId }), method: 'DELETE',  }, options)
}

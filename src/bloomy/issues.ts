import * as v from 'valibot'
import type { CallOptions } from '../core/types.js'
import { ValidationError } from '../core/errors.js'
import { IssueListSchema, IssueSchema, toIssue, type Issue, type IssueWire } from './schemas.js'
import { callOptions, Id, Title, checkId, checkInput, exclusive, send, sendVoid, at, seg, onePage, USER_MEETING_CLOSED_KEYS, type BloomyClient } from './_internal.js'
import { listMeetingIssues } from './meetings.js'
import { userIdOrMine } from './users.js'
import { CALL_OPTION_KEYS, checkOptionKeys } from '../core/options.js'
import type { Paginated } from '../core/types.js'

export interface ListIssuesOptions extends CallOptions {
  /** Issues owned by this user (`GET issues/users/{id}`); default the current user. Not with `meetingId`. */
  userId?: number
  /** Issues of this meeting (`GET L10/{id}/issues`). Not with `userId`. */
  meetingId?: number
  /** With `meetingId`: also return solved issues. */
  includeClosed?: boolean
}

const ListIssuesInput = /* @__PURE__ */ v.object({
  userId: /* @__PURE__ */ v.optional(Id),
  meetingId: /* @__PURE__ */ v.optional(Id),
  includeClosed: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()),
})

/**
 * Issues of a user (default: you) or of a meeting; `userId` and `meetingId` are mutually exclusive.
 *
 * @example
 * const mine = await listIssues(bloom)
 * const meetingIssues = await listIssues(bloom, { meetingId: 123 })
 */
export function listIssues(client: BloomyClient, options?: ListIssuesOptions): Paginated<Issue> {
  return onePage(options, async () => {
    checkOptionKeys('listIssues', options, USER_MEETING_CLOSED_KEYS)
    const input = checkInput(
      ListIssuesInput,
      { userId: options?.userId, meetingId: options?.meetingId, includeClosed: options?.includeClosed },
      'listIssues',
    )
    exclusive(input, 'listIssues')
    if (input.meetingId !== undefined) return listMeetingIssues(client, input.meetingId, { ...callOptions(options), includeClosed: input.includeClosed })
    const userId = await userIdOrMine(client, input.userId, options)
    return send(
      client,
      { operation: 'listIssues', ...at('/issues/users/{userId}', { userId }), schema: IssueListSchema },
      (w: IssueWire[]) => w.map(toIssue),
      options,
    )
  })
}

/**
 * One issue (`GET issues/{id}`).
 *
 * @example
 * const issue = await getIssue(bloom, 555)
 * console.log(issue.name, issue.owner?.name, issue.origin)
 */
export async function getIssue(client: BloomyClient, id: number, options?: CallOptions): Promise<Issue> {
  checkOptionKeys('getIssue', options, CALL_OPTION_KEYS)
  const issueId = checkId(id, 'getIssue')
  return send(client, { operation: 'getIssue', ...at('/issues/{issueId}', { issueId }), schema: IssueSchema }, (w: IssueWire) => toIssue(w), options)
}

export interface CreateIssueInput {
  meetingId: number
  title: string
  /** Owner; default the current user. */
  ownerId?: number
  notes?: string
}

const CreateIssueSchema = /* @__PURE__ */ v.object({
  meetingId: Id,
  title: Title,
  ownerId: /* @__PURE__ */ v.optional(Id),
  notes: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('must be a string')),
})

/**
 * Creates an issue in a meeting (`POST issues/create`).
 *
 * @example
 * const issue = await createIssue(bloom, { meetingId: 123, title: 'Churn is up', notes: 'See Q3 numbers' })
 */
export async function createIssue(client: BloomyClient, input: CreateIssueInput, options?: CallOptions): Promise<Issue> {
  checkOptionKeys('createIssue', options, CALL_OPTION_KEYS)
  const data = checkInput(CreateIssueSchema, input, 'createIssue')
  const ownerId = await userIdOrMine(client, data.ownerId, options)
  return send(
    client,
    {
      operation: 'createIssue',
      method: 'POST',
      path: '/issues/create',
      body: { title: data.title, meetingid: data.meetingId, ownerid: ownerId, notes: data.notes },
      schema: IssueSchema,
    },
    (w: IssueWire) => toIssue(w),
    options,
  )
}

export interface UpdateIssueInput {
  title?: string
  notes?: string
}

const UpdateIssueSchema = /* @__PURE__ */ v.object({
  title: /* @__PURE__ */ v.optional(Title),
  notes: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('must be a string')),
})

/**
 * Changes an issue's title and/or notes (`PUT issues/{id}`), then returns it. At least one field is required.
 *
 * @example
 * const issue = await updateIssue(bloom, 555, { title: 'Churn is up 4%' })
 */
export async function updateIssue(
  client: BloomyClient,
  id: number,
  input: UpdateIssueInput,
  options?: CallOptions,
): Promise<Issue> {
  checkOptionKeys('updateIssue', options, CALL_OPTION_KEYS)
  const issueId = checkId(id, 'updateIssue')
  const data = checkInput(UpdateIssueSchema, input, 'updateIssue')
  if (data.title === undefined && data.notes === undefined) {
    throw new ValidationError('updateIssue', [{ path: 'title', message: 'give title and/or notes' }])
  }
  await sendVoid(client, { operation: 'updateIssue', ...at('/issues/{issueId}', { issueId }), method: 'PUT', body: { title: data.title, notes: data.notes } }, options)
  return getIssue(client, issueId, options)
}

/**
 * Marks an issue solved (`POST issues/{id}/complete`), then returns it.
 *
 * @example
 * const solved = await completeIssue(bloom, 555)
 * console.log(solved.closeTime)
 */
export async function completeIssue(client: BloomyClient, id: number, options?: CallOptions): Promise<Issue> {
  checkOptionKeys('completeIssue', options, CALL_OPTION_KEYS)
  const issueId = checkId(id, 'completeIssue')
  await sendVoid(
    client,
    { operation: 'completeIssue', ...at('/issues/{issueId}/complete', { issueId }), method: 'POST', body: { complete: true }, idempotent: true },
    options,
  )
  return getIssue(client, issueId, options)
}

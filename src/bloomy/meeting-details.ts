import * as v from 'valibot'
import type { CallOptions } from '../core/types.js'
import type { Issue, Measurable, Meeting, Todo, User } from './schemas.js'
import { allOrAbort, checkId, checkInput, INCLUDE_CLOSED_KEYS, type BloomyClient } from './_internal.js'
import {
  getMeeting,
  listAttendees,
  listMeetingIssues,
  listMeetingMetrics,
  listMeetingTodos,
  type IncludeClosedOptions,
} from './meetings.js'
import { checkOptionKeys } from '../core/options.js'

/** A meeting with everything `getMeetingDetails` gathers. */
export interface MeetingDetails extends Meeting {
  attendees: User[]
  issues: Issue[]
  todos: Todo[]
  metrics: Measurable[]
}

const Flags = /* @__PURE__ */ v.object({ includeClosed: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()) })

/**
 * A meeting with its attendees, issues, todos and scorecard metrics: `GET L10/{id}`, then the four
 * lists **concurrently** (5 requests, 4 at once). If one of the four fails, the other three are
 * cancelled (their requests aborted) and the call rejects with the failure that caused it.
 * `includeClosed` also returns solved issues and done todos.
 *
 * @example
 * const details = await getMeetingDetails(bloom, 123)
 * console.log(details.name, details.attendees.length, details.todos.length)
 */
export async function getMeetingDetails(
  client: BloomyClient,
  id: number,
  options?: IncludeClosedOptions,
): Promise<MeetingDetails> {
  checkOptionKeys('getMeetingDetails', options, INCLUDE_CLOSED_KEYS)
  const meetingId = checkId(id, 'getMeetingDetails')
  const { includeClosed } = checkInput(Flags, { includeClosed: options?.includeClosed }, 'getMeetingDetails')
  const call: CallOptions = { timeout: options?.timeout, deadline: options?.deadline }
  const meeting = await getMeeting(client, meetingId, { ...call, signal: options?.signal })
  const [attendees, issues, todos, metrics] = await allOrAbort<[User[], Issue[], Todo[], Measurable[]]>(
    [
      (signal) => listAttendees(client, meetingId, { ...call, signal }),
      (signal) => listMeetingIssues(client, meetingId, { ...call, signal, includeClosed }),
      (signal) => listMeetingTodos(client, meetingId, { ...call, signal, includeClosed }),
      (signal) => listMeetingMetrics(client, meetingId, { ...call, signal }),
    ],
    options?.signal,
  )
  return { ...meeting, attendees, issues, todos, metrics }
}

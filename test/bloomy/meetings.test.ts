import { describe, expect, it } from 'vitest'
import { AbortError, NotFoundError, PermissionDeniedError, ValidationError } from '../../src/index.js'
import {
  createMeeting,
  deleteMeeting,
  getMeeting,
  getMeetingDetails,
  listAttendees,
  listMeetingIssues,
  listMeetingMetrics,
  listMeetingTodos,
  listMeetings,
} from '../../src/bloomy/index.js'
import { calls, lastBody, useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('meetings', () => {
  it('listMeetings defaults to the current user, looked up once per client', async () => {
    const meetings = await listMeetings(ctx.client)
    expect(meetings.map((m) => m.name)).toEqual(['Leadership L10', 'Sales L10'])
    expect(meetings[0]).toEqual({ id: 10, name: 'Leadership L10', type: 'L10', key: 'L10-10' })
    await listMeetings(ctx.client)
    expect(calls(ctx)).toEqual(['GET /users/mine', 'GET /L10/1/list', 'GET /L10/1/list'])
  })

  it('listMeetings for another user', async () => {
    const meetings = await listMeetings(ctx.client, { userId: 3 })
    expect(meetings.map((m) => m.id)).toEqual([11])
    expect(calls(ctx)).toEqual(['GET /L10/3/list'])
  })

  it('getMeeting reads L10/{id} and takes the name from Basics', async () => {
    const meeting = await getMeeting(ctx.client, 11)
    expect(meeting).toEqual({
      id: 11,
      name: 'Engineering L10',
      startDateUtc: '2025-01-07T15:00:00Z',
      createTime: '2025-01-02T09:00:00Z',
      organizationId: 1001,
    })
    await expect(getMeeting(ctx.client, 77)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('listAttendees', async () => {
    const people = await listAttendees(ctx.client, 10)
    expect(people.map((p) => p.name)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson'])
    expect(calls(ctx)).toEqual(['GET /L10/10/attendees'])
  })

  it('listMeetingIssues sends include_resolved and maps owners', async () => {
    const open = await listMeetingIssues(ctx.client, 10)
    expect(open.map((i) => i.id)).toEqual([200, 201])
    expect(open[0]?.owner).toEqual({ id: 1, name: 'Ada Lovelace', imageUrl: 'https://bloom.test/i/userplaceholder/1.png' })
    expect(open[0]).toMatchObject({ origin: 'Leadership L10', originId: 10, detailsUrl: 'https://bloom.test/Issues/Pad/200' })
    const all = await listMeetingIssues(ctx.client, 10, { includeClosed: true })
    expect(all.map((i) => i.id)).toEqual([200, 201, 203])
    expect(all[2]?.closeTime).toBe('2025-01-03T10:00:00Z')
    expect(calls(ctx)).toEqual(['GET /L10/10/issues?include_resolved=false', 'GET /L10/10/issues?include_resolved=true'])
  })

  it('listMeetingTodos sends INCLUDE_CLOSED', async () => {
    const open = await listMeetingTodos(ctx.client, 11)
    expect(open.map((t) => t.name)).toEqual(['Hire an SRE'])
    const all = await listMeetingTodos(ctx.client, 11, { includeClosed: true })
    expect(all.map((t) => [t.id, t.complete])).toEqual([
      [101, false],
      [103, true],
    ])
    expect(calls(ctx)).toEqual(['GET /L10/11/todos?INCLUDE_CLOSED=false', 'GET /L10/11/todos?INCLUDE_CLOSED=true'])
  })

  it('listMeetingMetrics skips divider rows and maps measurables', async () => {
    const metrics = await listMeetingMetrics(ctx.client, 10)
    expect(metrics).toEqual([
      { id: 500, name: 'Weekly revenue', target: 10000, modifiers: 'Dollar', direction: 'GreaterThan', owner: expect.objectContaining({ id: 1 }) },
      { id: 501, name: 'NPS', target: 50, modifiers: 'Number', direction: 'GreaterThan', owner: expect.objectContaining({ id: 4 }) },
    ])
  })

  it('createMeeting posts title + addSelf, then adds attendees; a refused attendee is reported, not lost', async () => {
    const created = await createMeeting(ctx.client, { title: '  Board L10 ', attendees: [2, 3, 42] })
    expect(lastBody(ctx, 'POST', '/L10/create')).toEqual({ title: 'Board L10', addSelf: true })
    expect(created.name).toBe('Board L10')
    expect(created.attendees).toEqual([2, 3])
    expect(created.failedAttendees).toHaveLength(1)
    expect(created.failedAttendees[0]?.userId).toBe(42)
    expect(created.failedAttendees[0]?.error).toBeInstanceOf(NotFoundError)
    expect(ctx.fake.state.meetings.get(created.id)?.attendeeIds).toEqual([1, 2, 3])
    expect(calls(ctx).filter((c) => c.includes('/attendees/')).sort()).toEqual([
      `POST /L10/${created.id}/attendees/2`,
      `POST /L10/${created.id}/attendees/3`,
      `POST /L10/${created.id}/attendees/42`,
    ])
  })

  it('createMeeting with addSelf: false', async () => {
    const created = await createMeeting(ctx.client, { title: 'Without me', addSelf: false })
    expect(ctx.fake.state.meetings.get(created.id)?.attendeeIds).toEqual([])
  })

  it('deleteMeeting', async () => {
    await deleteMeeting(ctx.client, 12)
    expect(ctx.fake.state.meetings.has(12)).toBe(false)
    await expect(deleteMeeting(ctx.client, 12)).rejects.toBeInstanceOf(NotFoundError)
    expect(calls(ctx)).toEqual(['DELETE /L10/12', 'DELETE /L10/12'])
  })

  it('bad input is refused before any request', async () => {
    await expect(createMeeting(ctx.client, { title: '' })).rejects.toThrow(/createMeeting: title/)
    await expect(createMeeting(ctx.client, { title: 'x', attendees: [1, -2] })).rejects.toThrow(/attendees\[1\]/)
    await expect(getMeetingDetails(ctx.client, Number.NaN)).rejects.toBeInstanceOf(ValidationError)
    await expect(listMeetings(ctx.client, { userId: '1' as unknown as number })).rejects.toThrow(/userId/)
    await expect(listMeetingTodos(ctx.client, 0)).rejects.toThrow(/meetingId/)
    expect(ctx.sent).toEqual([])
  })
})

describe('getMeetingDetails', () => {
  it('makes exactly 5 requests: the meeting, then the 4 lists at once', async () => {
    ctx.fake.latency = 50
    const details = await getMeetingDetails(ctx.client, 10)
    expect(details).toMatchObject({ id: 10, name: 'Leadership L10', organizationId: 1001 })
    expect(details.attendees.map((a) => a.id)).toEqual([1, 2, 4])
    expect(details.issues.map((i) => i.id)).toEqual([200, 201])
    expect(details.todos.map((t) => t.id)).toEqual([100, 104])
    expect(details.metrics.map((m) => m.id)).toEqual([500, 501])

    const log = ctx.fake.traffic.log
    expect(log).toHaveLength(5)
    expect(ctx.fake.stats.requests).toBe(5)
    expect(log[0]).toMatchObject({ method: 'GET', path: '/L10/10', concurrent: 1 })
    expect(log.slice(1).map((e) => e.path).sort()).toEqual([
      '/L10/10/attendees',
      '/L10/10/issues?include_resolved=false',
      '/L10/10/measurables',
      '/L10/10/todos?INCLUDE_CLOSED=false',
    ])
    expect(ctx.fake.traffic.maxInFlight).toBe(4)
    expect(log[4]?.concurrent).toBe(4)
  })

  it('includeClosed reaches the issue and todo lists', async () => {
    const details = await getMeetingDetails(ctx.client, 11, { includeClosed: true })
    expect(details.todos.map((t) => t.id)).toEqual([101, 103])
    expect(calls(ctx)).toContain('GET /L10/11/issues?include_resolved=true')
    expect(calls(ctx)).toContain('GET /L10/11/todos?INCLUDE_CLOSED=true')
  })

  it('a failing sub-call aborts its siblings and rejects with the cause', async () => {
    // The meeting answers at once; the four lists are held 5 s, except issues, refused at once.
    ctx.fake.latency = ({ path }) => (path === '/L10/10' ? 0 : 5_000)
    ctx.fake.failures.push({ method: 'GET', path: '/L10/10/issues', status: 403, body: { Message: 'Not your meeting' } })
    const error = await getMeetingDetails(ctx.client, 10).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect((error as PermissionDeniedError).status).toBe(403)
    expect((error as PermissionDeniedError).url).toBe('https://bloom.test/api/v1/L10/10/issues?include_resolved=false')
    // The three siblings were cancelled on the wire, not left running for 5 s.
    await expect.poll(() => ctx.fake.traffic.inFlight, { timeout: 2_000 }).toBe(0)
    const siblings = ctx.fake.traffic.log.filter((e) => /attendees|todos|measurables/.test(e.path))
    expect(siblings).toHaveLength(3)
    expect(siblings.every((e) => e.aborted)).toBe(true)
    expect(ctx.fake.traffic.log).toHaveLength(5)
  })

  it('a failing meeting request rejects before any list is asked for', async () => {
    await expect(getMeetingDetails(ctx.client, 404)).rejects.toBeInstanceOf(NotFoundError)
    expect(calls(ctx)).toEqual(['GET /L10/404'])
  })

  it("the caller's signal cancels every sub-call", async () => {
    ctx.fake.latency = ({ path }) => (path === '/L10/10' ? 0 : 5_000)
    const controller = new AbortController()
    const pending = getMeetingDetails(ctx.client, 10, { signal: controller.signal })
    await expect.poll(() => ctx.fake.traffic.inFlight, { timeout: 2_000 }).toBe(4)
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(AbortError)
    await expect.poll(() => ctx.fake.traffic.inFlight, { timeout: 2_000 }).toBe(0)
    expect(ctx.fake.traffic.log.slice(1).every((e) => e.aborted)).toBe(true)
  })
})

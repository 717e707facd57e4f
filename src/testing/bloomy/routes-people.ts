// Token, users, search and meetings (L10) routes of the Bloom Growth fake.
import { HttpResponse, type RequestHandler } from 'msw'
import { fail, field, idParam, jsonBody, ok, posInt, route, str, type Kit, type RouteContext } from './kit.js'
import { measurableWire, meetingListWire, meetingWire, searchWire, seatWire, todoWire, issueWire, userWire } from './wire.js'
import type { FakeBloomMeeting } from './state.js'

export function peopleRoutes(kit: Kit): RequestHandler[] {
  const { state, stats } = kit

  const meetingOr404 = (ctx: RouteContext): FakeBloomMeeting | Response => {
    const id = idParam(ctx, 'id')
    const meeting = id === undefined ? undefined : state.meetings.get(id)
    return meeting ?? fail(404, `No L10 meeting with id ${ctx.params['id'] ?? ''}`)
  }

  return [
    // POST /Token: OAuth password grant, form-encoded, beside /api/v1.
    route(
      kit,
      'post',
      '/Token',
      async ({ request }) => {
        stats.logins++
        const form = new URLSearchParams(await request.text())
        if (form.get('grant_type') !== 'password') {
          return HttpResponse.json({ error: 'unsupported_grant_type' }, { status: 400 })
        }
        const match = state.credentials.find(
          (c) => c.username.toLowerCase() === (form.get('userName') ?? form.get('username') ?? '').toLowerCase() && c.password === form.get('password'),
        )
        if (!match) {
          return HttpResponse.json(
            { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' },
            { status: 400 },
          )
        }
        const token = `bloomy-fake-token-${String(state.nextToken++).padStart(4, '0')}`
        state.tokens.set(token, match.userId)
        const issued = new Date(Date.parse(state.now))
        const expires = new Date(issued.getTime() + 1_209_599_000)
        return HttpResponse.json({
          access_token: token,
          token_type: 'bearer',
          expires_in: 1_209_599,
          userName: match.username,
          '.issued': issued.toUTCString(),
          '.expires': expires.toUTCString(),
        })
      },
      { auth: false, prefix: '*' },
    ),

    route(kit, 'get', '/users/mine', ({ userId, origin }) => {
      const user = state.users.get(userId)
      return user ? ok(userWire(user, origin)) : fail(404, 'User not found')
    }),
    route(kit, 'get', '/users/:id', (ctx) => {
      const id = idParam(ctx, 'id')
      const user = id === undefined ? undefined : state.users.get(id)
      return user ? ok(userWire(user, ctx.origin)) : fail(404, `No user with id ${ctx.params['id'] ?? ''}`)
    }),
    route(kit, 'get', '/users/:id/directreports', (ctx) => {
      const id = idParam(ctx, 'id')
      if (id === undefined || !state.users.has(id)) return fail(404, `No user with id ${ctx.params['id'] ?? ''}`)
      return ok([...state.users.values()].filter((u) => u.managerId === id).map((u) => userWire(u, ctx.origin)))
    }),
    route(kit, 'get', '/users/:id/seats', (ctx) => {
      const id = idParam(ctx, 'id')
      const user = id === undefined ? undefined : state.users.get(id)
      return user ? ok(user.positions.map(seatWire)) : fail(404, `No user with id ${ctx.params['id'] ?? ''}`)
    }),

    route(kit, 'get', '/search/user', ({ url, origin }) => {
      const term = (url.searchParams.get('term') ?? '').toLowerCase()
      if (!term) return fail(400, 'term is required')
      const hits = [...state.users.values()].filter(
        (u) => u.name.toLowerCase().includes(term) || (u.email ?? '').toLowerCase().includes(term),
      )
      return ok(hits.map((u) => searchWire(u, origin)))
    }),
    route(kit, 'get', '/search/all', ({ url, origin }) => {
      const term = url.searchParams.get('term') ?? ''
      const matches = (name: string) => term === '%' || name.toLowerCase().includes(term.toLowerCase())
      const users = [...state.users.values()].filter((u) => matches(u.name)).map((u) => searchWire(u, origin))
      const meetings = [...state.meetings.values()]
        .filter((m) => matches(m.name))
        .map((m) => ({ Id: m.id, Name: m.name, Description: 'L10', Email: '', ImageUrl: null, ResultType: 'Meeting' }))
      return ok([...users, ...meetings])
    }),

    route(kit, 'get', '/L10/:id/list', (ctx) => {
      const userId = idParam(ctx, 'id')
      if (userId === undefined || !state.users.has(userId)) return fail(404, `No user with id ${ctx.params['id'] ?? ''}`)
      return ok([...state.meetings.values()].filter((m) => m.attendeeIds.includes(userId)).map(meetingListWire))
    }),
    route(kit, 'get', '/L10/:id', (ctx) => {
      const meeting = meetingOr404(ctx)
      return meeting instanceof Response ? meeting : ok(meetingWire(meeting))
    }),
    route(kit, 'get', '/L10/:id/attendees', (ctx) => {
      const meeting = meetingOr404(ctx)
      if (meeting instanceof Response) return meeting
      return ok(meeting.attendeeIds.flatMap((id) => {
        const u = state.users.get(id)
        return u ? [userWire(u, ctx.origin)] : []
      }))
    }),
    route(kit, 'get', '/L10/:id/issues', (ctx) => {
      const meeting = meetingOr404(ctx)
      if (meeting instanceof Response) return meeting
      const includeResolved = ctx.url.searchParams.get('include_resolved')?.toLowerCase() === 'true'
      return ok(
        [...state.issues.values()]
          .filter((i) => i.meetingId === meeting.id && !i.archived && (includeResolved || i.closeTime === undefined))
          .map((i) => issueWire(state, i, ctx.origin)),
      )
    }),
    route(kit, 'get', '/L10/:id/todos', (ctx) => {
      const meeting = meetingOr404(ctx)
      if (meeting instanceof Response) return meeting
      const includeClosed = ctx.url.searchParams.get('INCLUDE_CLOSED')?.toLowerCase() === 'true'
      return ok(
        [...state.todos.values()]
          .filter((t) => t.meetingId === meeting.id && t.closeTime === undefined && (includeClosed || t.completeTime === undefined))
          .map((t) => todoWire(state, t, ctx.origin)),
      )
    }),
    route(kit, 'get', '/L10/:id/measurables', (ctx) => {
      const meeting = meetingOr404(ctx)
      if (meeting instanceof Response) return meeting
      const rows: unknown[] = [...state.measurables.values()]
        .filter((m) => m.meetingIds.includes(meeting.id))
        .map((m) => measurableWire(state, m, ctx.origin))
      // Scorecards carry divider rows without an id or a name.
      if (rows.length > 1) rows.splice(1, 0, { Id: null, Name: null, Type: 'Divider' })
      return ok(rows)
    }),
    route(kit, 'post', '/L10/create', async ({ request, userId }) => {
      const body = await jsonBody(request)
      const title = body && str(field(body, 'title'))
      if (!body || !title) return fail(400, 'title is required')
      const addSelf = field(body, 'addSelf') !== false
      const meeting: FakeBloomMeeting = {
        id: state.nextId++,
        name: title,
        attendeeIds: addSelf ? [userId] : [],
        createTime: state.now,
        startDateUtc: state.now,
        organizationId: state.users.get(userId)?.organizationId ?? 0,
      }
      state.meetings.set(meeting.id, meeting)
      stats.writes++
      return ok({ meetingId: meeting.id })
    }),
    route(kit, 'post', '/L10/:id/attendees/:userId', (ctx) => {
      const meeting = meetingOr404(ctx)
      if (meeting instanceof Response) return meeting
      const userId = posInt(ctx.params['userId'])
      if (userId === undefined || !state.users.has(userId)) return fail(404, `No user with id ${ctx.params['userId'] ?? ''}`)
      if (!meeting.attendeeIds.includes(userId)) {
        meeting.attendeeIds.push(userId)
        stats.writes++
      }
      return ok({})
    }),
    route(kit, 'delete', '/L10/:id', (ctx) => {
      const meeting = meetingOr404(ctx)
      if (meeting instanceof Response) return meeting
      state.meetings.delete(meeting.id)
      stats.writes++
      return new HttpResponse(null, { status: 200 })
    }),
  ]
}

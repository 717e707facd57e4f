// Todos, issues, goals (rocks), headlines and scorecard routes of the Bloom Growth fake.
import { HttpResponse, type RequestHandler } from 'msw'
import { fail, field, idParam, jsonBody, ok, posInt, route, str, type Kit, type RouteContext } from './kit.js'
import { goalWire, headlineWire, issueWire, measurableWire, scoresWire, todoWire, weekWire } from './wire.js'
import type { FakeBloomGoal, FakeBloomHeadline, FakeBloomIssue, FakeBloomMeasurable, FakeBloomTodo, FakeGoalCompletion } from './state.js'

const COMPLETIONS: readonly FakeGoalCompletion[] = ['OnTrack', 'AtRisk', 'Complete']

function dateField(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return null
  return new Date(Date.parse(value)).toISOString()
}

export function workRoutes(kit: Kit): RequestHandler[] {
  const { state, stats } = kit

  function find<T>(map: Map<number, T>, ctx: RouteContext, what: string, param = 'id'): T | Response {
    const id = idParam(ctx, param)
    const item = id === undefined ? undefined : map.get(id)
    return item ?? fail(404, `No ${what} with id ${ctx.params[param] ?? ''}`)
  }
  const userOr404 = (ctx: RouteContext): number | Response => {
    const id = idParam(ctx, 'userId')
    return id !== undefined && state.users.has(id) ? id : fail(404, `No user with id ${ctx.params['userId'] ?? ''}`)
  }
  const userExists = (id: number | undefined): id is number => id !== undefined && state.users.has(id)

  return [
    // ── Todos ──
    route(kit, 'get', '/todo/user/:userId', (ctx) => {
      const userId = userOr404(ctx)
      if (userId instanceof Response) return userId
      return ok([...state.todos.values()].filter((t) => t.ownerId === userId && t.closeTime === undefined).map((t) => todoWire(state, t, ctx.origin)))
    }),
    route(kit, 'post', '/todo/create', async (ctx) => {
      const body = await jsonBody(ctx.request)
      const title = body && str(field(body, 'title'))
      const ownerId = body ? posInt(field(body, 'accountableUserId')) ?? ctx.userId : undefined
      const dueDate = body && dateField(field(body, 'dueDate'))
      if (!body || !title) return fail(400, 'title is required')
      if (!userExists(ownerId)) return fail(400, 'accountableUserId is not a user')
      if (dueDate === null) return fail(400, 'dueDate is not a date')
      const todo: FakeBloomTodo = { id: state.nextId++, name: title, ownerId, createTime: state.now }
      if (dueDate) todo.dueDate = dueDate
      const notes = str(field(body, 'notes'))
      if (notes) todo.notes = notes
      state.todos.set(todo.id, todo)
      stats.writes++
      const wire = todoWire(state, todo, ctx.origin)
      return ok({ Id: wire.Id, Name: wire.Name, DetailsUrl: wire.DetailsUrl, DueDate: wire.DueDate, CreateTime: wire.CreateTime })
    }),
    route(kit, 'post', '/L10/:id/todos', async (ctx) => {
      const meeting = find(state.meetings, ctx, 'L10 meeting')
      if (meeting instanceof Response) return meeting
      const body = await jsonBody(ctx.request)
      const title = body && str(field(body, 'title'))
      const ownerId = body ? posInt(field(body, 'forId')) ?? ctx.userId : undefined
      const dueDate = body && dateField(field(body, 'dueDate'))
      if (!body || !title) return fail(400, 'Title is required')
      if (!userExists(ownerId)) return fail(400, 'ForId is not a user')
      if (dueDate === null) return fail(400, 'dueDate is not a date')
      const todo: FakeBloomTodo = { id: state.nextId++, name: title, ownerId, meetingId: meeting.id, createTime: state.now }
      if (dueDate) todo.dueDate = dueDate
      const notes = str(field(body, 'notes'))
      if (notes) todo.notes = notes
      state.todos.set(todo.id, todo)
      stats.writes++
      const wire = todoWire(state, todo, ctx.origin)
      return ok({ Id: wire.Id, Name: wire.Name, DetailsUrl: wire.DetailsUrl, DueDate: wire.DueDate, CreateTime: wire.CreateTime })
    }),
    route(kit, 'get', '/todo/:id', (ctx) => {
      const todo = find(state.todos, ctx, 'todo')
      return todo instanceof Response ? todo : ok(todoWire(state, todo, ctx.origin))
    }),
    route(kit, 'put', '/todo/:id', async (ctx) => {
      const todo = find(state.todos, ctx, 'todo')
      if (todo instanceof Response) return todo
      const body = await jsonBody(ctx.request)
      if (!body) return fail(400, 'The request body is not JSON')
      const title = field(body, 'title')
      const dueDate = dateField(field(body, 'dueDate'))
      if (title !== undefined && !str(title)) return fail(400, 'title must not be empty')
      if (dueDate === null) return fail(400, 'dueDate is not a date')
      if (typeof title === 'string') todo.name = title
      if (dueDate) todo.dueDate = dueDate
      stats.writes++
      return ok(true)
    }),
    route(kit, 'post', '/todo/:id/complete', (ctx) => {
      const todo = find(state.todos, ctx, 'todo')
      if (todo instanceof Response) return todo
      const status = ctx.url.searchParams.get('status')?.toLowerCase() !== 'false'
      if (status) todo.completeTime ??= state.now
      else delete todo.completeTime
      stats.writes++
      return ok(true)
    }),

    // ── Issues ──
    route(kit, 'get', '/issues/users/:userId', (ctx) => {
      const userId = userOr404(ctx)
      if (userId instanceof Response) return userId
      return ok([...state.issues.values()].filter((i) => i.ownerId === userId && i.closeTime === undefined && !i.archived).map((i) => issueWire(state, i, ctx.origin)))
    }),
    route(kit, 'post', '/issues/create', async (ctx) => {
      const body = await jsonBody(ctx.request)
      const title = body && str(field(body, 'title'))
      const meetingId = body && posInt(field(body, 'meetingId'))
      const ownerId = body ? posInt(field(body, 'ownerId')) ?? ctx.userId : undefined
      if (!body || !title) return fail(400, 'title is required')
      if (meetingId === undefined || !state.meetings.has(meetingId)) return fail(404, 'meetingid is not a meeting')
      if (!userExists(ownerId)) return fail(400, 'ownerid is not a user')
      const issue: FakeBloomIssue = { id: state.nextId++, name: title, ownerId, meetingId, createTime: state.now, archived: false }
      const notes = str(field(body, 'notes'))
      if (notes) issue.notes = notes
      state.issues.set(issue.id, issue)
      stats.writes++
      return ok(issueWire(state, issue, ctx.origin))
    }),
    route(kit, 'get', '/issues/:id', (ctx) => {
      const issue = find(state.issues, ctx, 'issue')
      return issue instanceof Response ? issue : ok(issueWire(state, issue, ctx.origin))
    }),
    route(kit, 'put', '/issues/:id', async (ctx) => {
      const issue = find(state.issues, ctx, 'issue')
      if (issue instanceof Response) return issue
      const body = await jsonBody(ctx.request)
      if (!body) return fail(400, 'The request body is not JSON')
      const title = field(body, 'title')
      if (title !== undefined && !str(title)) return fail(400, 'title must not be empty')
      if (typeof title === 'string') issue.name = title
      const notes = field(body, 'notes')
      if (typeof notes === 'string') issue.notes = notes
      stats.writes++
      return ok(true)
    }),
    route(kit, 'post', '/issues/:id/complete', async (ctx) => {
      const issue = find(state.issues, ctx, 'issue')
      if (issue instanceof Response) return issue
      const body = (await jsonBody(ctx.request)) ?? {}
      if (field(body, 'complete') === false) delete issue.closeTime
      else issue.closeTime ??= state.now
      stats.writes++
      return ok(true)
    }),

    // ── Goals (rocks) ──
    route(kit, 'get', '/rocks/user/:userId', (ctx) => {
      const userId = userOr404(ctx)
      if (userId instanceof Response) return userId
      return ok([...state.goals.values()].filter((g) => g.ownerId === userId && !g.archived).map((g) => goalWire(state, g, ctx.origin)))
    }),
    route(kit, 'get', '/archivedrocks/user/:userId', (ctx) => {
      const userId = userOr404(ctx)
      if (userId instanceof Response) return userId
      return ok([...state.goals.values()].filter((g) => g.ownerId === userId && g.archived).map((g) => goalWire(state, g, ctx.origin)))
    }),
    route(kit, 'get', '/L10/:id/rocks', (ctx) => {
      const meeting = find(state.meetings, ctx, 'L10 meeting')
      if (meeting instanceof Response) return meeting
      return ok([...state.goals.values()].filter((g) => g.meetingIds.includes(meeting.id) && !g.archived).map((g) => goalWire(state, g, ctx.origin)))
    }),
    route(kit, 'post', '/L10/:id/rocks', async (ctx) => {
      const meeting = find(state.meetings, ctx, 'L10 meeting')
      if (meeting instanceof Response) return meeting
      const body = await jsonBody(ctx.request)
      const title = body && str(field(body, 'title'))
      const ownerId = body ? posInt(field(body, 'accountableUserId')) ?? ctx.userId : undefined
      if (!body || !title) return fail(400, 'title is required')
      if (!userExists(ownerId)) return fail(400, 'accountableUserId is not a user')
      const due = new Date(Date.parse(state.now) + 90 * 86_400_000).toISOString()
      const goal: FakeBloomGoal = { id: state.nextId++, name: title, ownerId, meetingIds: [meeting.id], createTime: state.now, dueDate: due, completion: 'OnTrack', archived: false }
      state.goals.set(goal.id, goal)
      stats.writes++
      // Bloom Growth's create answer has no Name and a numeric Completion.
      const { Name: _name, ...wire } = goalWire(state, goal, ctx.origin)
      return ok({ ...wire, Completion: 1 })
    }),
    route(kit, 'get', '/rocks/:id', (ctx) => {
      const goal = find(state.goals, ctx, 'rock')
      return goal instanceof Response ? goal : ok(goalWire(state, goal, ctx.origin))
    }),
    route(kit, 'put', '/rocks/:id', async (ctx) => {
      const goal = find(state.goals, ctx, 'rock')
      if (goal instanceof Response) return goal
      const body = await jsonBody(ctx.request)
      if (!body) return fail(400, 'The request body is not JSON')
      const title = field(body, 'title')
      const ownerId = field(body, 'accountableUserId')
      const completion = field(body, 'completion')
      if (title !== undefined && !str(title)) return fail(400, 'title must not be empty')
      if (ownerId !== undefined && !userExists(posInt(ownerId))) return fail(400, 'accountableUserId is not a user')
      if (completion !== undefined && !COMPLETIONS.includes(completion as FakeGoalCompletion)) return fail(400, 'completion must be OnTrack, AtRisk or Complete')
      if (typeof title === 'string') goal.name = title
      if (ownerId !== undefined) goal.ownerId = posInt(ownerId) as number
      if (completion !== undefined) goal.completion = completion as FakeGoalCompletion
      stats.writes++
      return ok(true)
    }),
    route(kit, 'put', '/rocks/:id/archive', (ctx) => {
      const goal = find(state.goals, ctx, 'rock')
      if (goal instanceof Response) return goal
      goal.archived = true
      stats.writes++
      return ok(true)
    }),
    route(kit, 'put', '/rocks/:id/restore', (ctx) => {
      const goal = find(state.goals, ctx, 'rock')
      if (goal instanceof Response) return goal
      goal.archived = false
      stats.writes++
      return ok(true)
    }),
    route(kit, 'delete', '/rocks/:id', (ctx) => {
      const goal = find(state.goals, ctx, 'rock')
      if (goal instanceof Response) return goal
      state.goals.delete(goal.id)
      stats.writes++
      return new HttpResponse(null, { status: 200 })
    }),

    // ── Headlines ──
    route(kit, 'get', '/headline/users/:userId', (ctx) => {
      const userId = userOr404(ctx)
      if (userId instanceof Response) return userId
      return ok([...state.headlines.values()].filter((h) => h.ownerId === userId && !h.archived).map((h) => headlineWire(state, h, ctx.origin)))
    }),
    route(kit, 'get', '/L10/:id/headlines', (ctx) => {
      const meeting = find(state.meetings, ctx, 'L10 meeting')
      if (meeting instanceof Response) return meeting
      return ok([...state.headlines.values()].filter((h) => h.meetingId === meeting.id && !h.archived).map((h) => headlineWire(state, h, ctx.origin)))
    }),
    route(kit, 'post', '/L10/:id/headlines', async (ctx) => {
      const meeting = find(state.meetings, ctx, 'L10 meeting')
      if (meeting instanceof Response) return meeting
      const body = await jsonBody(ctx.request)
      const title = body && str(field(body, 'title'))
      const ownerId = body ? posInt(field(body, 'ownerId')) ?? ctx.userId : undefined
      if (!body || !title) return fail(400, 'title is required')
      if (!userExists(ownerId)) return fail(400, 'ownerId is not a user')
      const headline: FakeBloomHeadline = { id: state.nextId++, name: title, ownerId, meetingId: meeting.id, createTime: state.now, archived: false }
      const notes = str(field(body, 'notes'))
      if (notes) headline.notes = notes
      state.headlines.set(headline.id, headline)
      stats.writes++
      const wire = headlineWire(state, headline, ctx.origin)
      return ok({ Id: wire.Id, Name: wire.Name, DetailsUrl: wire.DetailsUrl })
    }),
    route(kit, 'get', '/headline/:id', (ctx) => {
      const headline = find(state.headlines, ctx, 'headline')
      return headline instanceof Response ? headline : ok(headlineWire(state, headline, ctx.origin))
    }),
    route(kit, 'put', '/headline/:id', async (ctx) => {
      const headline = find(state.headlines, ctx, 'headline')
      if (headline instanceof Response) return headline
      const body = await jsonBody(ctx.request)
      const title = body && str(field(body, 'title'))
      if (!title) return fail(400, 'title is required')
      headline.name = title
      stats.writes++
      return ok(true)
    }),
    route(kit, 'delete', '/headline/:id', (ctx) => {
      const headline = find(state.headlines, ctx, 'headline')
      if (headline instanceof Response) return headline
      state.headlines.delete(headline.id)
      stats.writes++
      return new HttpResponse(null, { status: 200 })
    }),

    // ── Scorecard ──
    route(kit, 'get', '/weeks/current', () => ok(weekWire(state))),
    route(kit, 'get', '/scorecard/user/:userId', (ctx) => {
      const userId = userOr404(ctx)
      if (userId instanceof Response) return userId
      return ok(scoresWire(state, [...state.measurables.values()].filter((m) => m.ownerId === userId)))
    }),
    route(kit, 'get', '/scorecard/meeting/:id', (ctx) => {
      const meeting = find(state.meetings, ctx, 'L10 meeting')
      if (meeting instanceof Response) return meeting
      return ok(scoresWire(state, [...state.measurables.values()].filter((m) => m.meetingIds.includes(meeting.id))))
    }),
    route(kit, 'get', '/measurables/user/:userId', (ctx) => {
      const userId = userOr404(ctx)
      if (userId instanceof Response) return userId
      return ok([...state.measurables.values()].filter((m) => m.ownerId === userId).map((m) => measurableWire(state, m, ctx.origin)))
    }),
    route(kit, 'post', '/L10/:id/measurables', async (ctx) => {
      const meeting = find(state.meetings, ctx, 'L10 meeting')
      if (meeting instanceof Response) return meeting
      const body = await jsonBody(ctx.request)
      const title = body && str(field(body, 'title'))
      const target = body && field(body, 'target')
      const ownerId = body ? posInt(field(body, 'accountableUserId')) ?? ctx.userId : undefined
      if (!body || !title) return fail(400, 'title is required')
      if (typeof target !== 'number' || !Number.isFinite(target)) return fail(400, 'target must be a number')
      if (!userExists(ownerId)) return fail(400, 'accountableUserId is not a user')
      const measurable: FakeBloomMeasurable = {
        id: state.nextId++,
        name: title,
        ownerId,
        meetingIds: [meeting.id],
        target,
        direction: str(field(body, 'direction')) ?? 'GreaterThan',
        unitType: str(field(body, 'unitType')) ?? 'Number',
        scores: new Map(),
      }
      state.measurables.set(measurable.id, measurable)
      stats.writes++
      return ok(measurableWire(state, measurable, ctx.origin))
    }),
    route(kit, 'get', '/measurables/:id', (ctx) => {
      const measurable = find(state.measurables, ctx, 'measurable')
      return measurable instanceof Response ? measurable : ok(measurableWire(state, measurable, ctx.origin))
    }),
    route(kit, 'put', '/measurables/:id', async (ctx) => {
      const measurable = find(state.measurables, ctx, 'measurable')
      if (measurable instanceof Response) return measurable
      const body = await jsonBody(ctx.request)
      if (!body) return fail(400, 'The request body is not JSON')
      const title = field(body, 'title')
      const target = field(body, 'target')
      const direction = field(body, 'direction')
      const ownerId = field(body, 'accountableUserId')
      if (title !== undefined && !str(title)) return fail(400, 'title must not be empty')
      if (target !== undefined && (typeof target !== 'number' || !Number.isFinite(target))) return fail(400, 'target must be a number')
      if (ownerId !== undefined && !userExists(posInt(ownerId))) return fail(400, 'accountableUserId is not a user')
      if (typeof title === 'string') measurable.name = title
      if (typeof target === 'number') measurable.target = target
      if (typeof direction === 'string' && direction) measurable.direction = direction
      if (ownerId !== undefined) measurable.ownerId = posInt(ownerId) as number
      stats.writes++
      return ok(true)
    }),
    route(kit, 'put', '/measurables/:id/week/:week', async (ctx) => {
      const measurable = find(state.measurables, ctx, 'measurable')
      if (measurable instanceof Response) return measurable
      const week = posInt(ctx.params['week'])
      if (week === undefined || week > state.currentWeek) return fail(400, 'week is not a past or current week')
      const body = await jsonBody(ctx.request)
      const value = body && field(body, 'value')
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(400, 'value must be a number')
      measurable.scores.set(week, value)
      stats.writes++
      return ok(true)
    }),
  ]
}

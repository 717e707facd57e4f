/**
 * Every object the Bloom Growth fake returns carries every field bloomy-python reads from it.
 *
 * The table below lists, per call bloomy-python makes, the keys its code reads from the answer:
 * `data["X"]` and `data.get("X")` in `src/bloomy/operations/{,async_/}*.py` and
 * `operations/mixins/*_transform.py`, and the aliases of the pydantic models it validates the
 * answer with (`models.py`: `Todo`, `MeetingListItem`). A key the fake leaves out is a `KeyError`
 * (or a silently wrong default) in the Python SDK and a wrong shape for anyone else.
 * `A[].B` checks `B` on every element of the array `A`; `A[0].B` on the first one only.
 */
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bloomyFake, type BloomyFake } from '../../src/testing/bloomy/index.js'

const ORIGIN = 'https://bloom.test'
const API = `${ORIGIN}/api/v1`

const TODO = ['Id', 'Name', 'DetailsUrl', 'DueDate', 'CompleteTime', 'CreateTime', 'OriginId', 'Origin', 'Complete', 'CloseTime']
const OWNER = ['Owner.Id', 'Owner.Name']
const ISSUE_DETAILS = ['Id', 'Name', 'DetailsUrl', 'CreateTime', 'CloseTime', 'Archived', 'OriginId', 'Origin', ...OWNER]
const ISSUE_LIST = ['Id', 'Name', 'DetailsUrl', 'CreateTime', 'Archived', 'OriginId', 'Origin']
const HEADLINE = ['Id', 'Name', 'DetailsUrl', 'OriginId', 'Origin', ...OWNER, 'Archived', 'CreateTime', 'CloseTime']
const GOAL = ['Id', ...OWNER, 'Name', 'CreateTime', 'DueDate', 'Complete', 'Origins']
const SCORE = ['Id', 'MeasurableId', 'AccountableUserId', 'MeasurableName', 'Target', 'Measured', 'Week', 'ForWeek', 'DateEntered']

interface Call {
  /** `METHOD /path` relative to `/api/v1` (or `/Token`). */
  call: string
  body?: unknown
  /** Fields read on the answer itself (an object), or on each element (`[]` prefix) of an array answer. */
  fields: string[]
  /** Only elements this accepts are read by the SDK (e.g. `search/all` keeps users only). */
  only?: (row: Record<string, unknown>) => boolean
}

const CALLS: Call[] = [
  // users.py / users_transform.py
  { call: 'GET /users/mine', fields: ['Id', 'Name', 'ImageUrl'] },
  { call: 'GET /users/1', fields: ['Id', 'Name', 'ImageUrl'] },
  { call: 'GET /users/1/directreports', fields: ['[].Id', '[].Name', '[].ImageUrl'] },
  { call: 'GET /users/4/seats', fields: ['[].Group.Position.Id', '[].Group.Position.Name'] },
  { call: 'GET /search/user?term=a', fields: ['[].Id', '[].Name', '[].Description', '[].Email', '[].OrganizationId', '[].ImageUrl'] },
  { call: 'GET /search/all?term=%25', fields: ['[].ResultType'] },
  {
    call: 'GET /search/all?term=%25',
    fields: ['[].Id', '[].Name', '[].Email', '[].Description', '[].ImageUrl'],
    only: (row) => row.ResultType === 'User',
  },
  // meetings.py / meetings_transform.py
  { call: 'GET /L10/1/list', fields: ['[].Id', '[].Type', '[].Key', '[].Name'] },
  { call: 'GET /L10/10/attendees', fields: ['[].Id', '[].Name', '[].ImageUrl'] },
  {
    call: 'GET /L10/10/issues?include_resolved=true',
    fields: ['[].Id', '[].Name', '[].DetailsUrl', '[].CreateTime', '[].CloseTime', '[].CompleteTime', '[].Owner.Id', '[].Owner.Name', '[].Owner.ImageUrl', '[].Origin', ...ISSUE_LIST.map((f) => `[].${f}`)],
  },
  { call: 'GET /L10/10/todos?INCLUDE_CLOSED=true', fields: TODO.map((f) => `[].${f}`) },
  {
    call: 'GET /L10/10/measurables',
    fields: ['[].Id', '[].Name', '[].Target', '[].Modifiers', '[].Direction', '[].Owner.Id', '[].Owner.Name'],
    only: (row) => row.Id !== null && row.Id !== undefined && Boolean(row.Name),
  },
  { call: 'POST /L10/create', body: { title: 'Ops L10', addSelf: true }, fields: ['meetingId'] },
  // todos.py
  { call: 'GET /todo/user/1', fields: TODO.map((f) => `[].${f}`) },
  { call: 'GET /todo/100', fields: TODO },
  { call: 'POST /todo/create', body: { title: 'Call the bank', accountableUserId: 1 }, fields: ['Id', 'Name', 'DetailsUrl', 'DueDate', 'CreateTime'] },
  { call: 'POST /L10/10/todos', body: { Title: 'Draft the memo', ForId: 2 }, fields: ['Id', 'Name', 'DetailsUrl', 'DueDate', 'CreateTime'] },
  // issues.py / issues_transform.py
  { call: 'GET /issues/200', fields: ISSUE_DETAILS },
  { call: 'GET /issues/204', fields: ISSUE_DETAILS },
  { call: 'GET /issues/users/1', fields: ISSUE_LIST.map((f) => `[].${f}`) },
  { call: 'GET /L10/10/issues', fields: ISSUE_LIST.map((f) => `[].${f}`) },
  { call: 'POST /issues/create', body: { title: 'Slow deploys', meetingid: 10, ownerid: 1 }, fields: ['Id', 'OriginId', 'Origin', 'Name', 'Owner.Id', 'DetailsUrl'] },
  // goals.py / goals_transform.py
  { call: 'GET /rocks/user/1?include_origin=true', fields: [...GOAL.map((f) => `[].${f}`), '[].Origins[0].Id', '[].Origins[0].Name'] },
  { call: 'GET /archivedrocks/user/1', fields: ['[].Id', '[].Name', '[].CreateTime', '[].DueDate', '[].Complete'] },
  { call: 'POST /L10/10/rocks', body: { title: 'Hire a CFO', accountableUserId: 1 }, fields: ['Id', 'Owner.Name', 'Origins[0].Name', 'CreateTime', 'Completion'] },
  // headlines.py / headlines_transform.py
  { call: 'POST /L10/10/headlines', body: { title: 'Record week', ownerId: 1 }, fields: ['Id', 'Name', 'DetailsUrl'] },
  { call: 'GET /headline/400?Include_Origin=true', fields: HEADLINE },
  { call: 'GET /headline/users/1', fields: HEADLINE.map((f) => `[].${f}`) },
  { call: 'GET /L10/10/headlines', fields: HEADLINE.map((f) => `[].${f}`) },
  // scorecard.py
  { call: 'GET /weeks/current', fields: ['Id', 'ForWeekNumber', 'LocalDate.Date', 'ForWeek'] },
  { call: 'GET /scorecard/user/1', fields: SCORE.map((f) => `Scores[].${f}`) },
  { call: 'GET /scorecard/meeting/10', fields: SCORE.map((f) => `Scores[].${f}`) },
]

/** The keys of `path` missing from `value` (each as a full path, e.g. `[2].Owner.Name`). */
function missing(value: unknown, path: string, only?: Call['only'], at = ''): string[] {
  if (path === '') return []
  const head = path.startsWith('[') ? path.slice(0, path.indexOf(']') + 1) : /^[A-Za-z]+/.exec(path)?.[0]
  if (!head) throw new Error(`bad field path ${path}`)
  const rest = path.slice(head.length).replace(/^\./, '')
  if (head === '[]' || head === '[0]') {
    if (!Array.isArray(value)) return [`${at || '(answer)'} is not an array`]
    const rows = head === '[0]' ? value.slice(0, 1) : value
    return rows.flatMap((row, i) =>
      only && !only(row as Record<string, unknown>) ? [] : missing(row, rest, undefined, `${at}[${head === '[0]' ? 0 : i}]`),
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at || '(answer)'} is not an object (needed for ${head})`]
  const record = value as Record<string, unknown>
  const here = at ? `${at}.${head}` : head
  if (!(head in record)) return [here]
  return missing(record[head], rest, only, here)
}

describe('Bloom Growth fake: the fields bloomy-python reads', () => {
  let fake: BloomyFake
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  beforeEach(() => {
    fake = bloomyFake({ origin: ORIGIN })
    server.resetHandlers(...fake.handlers)
  })

  async function send(call: Call): Promise<unknown> {
    const [method, path] = call.call.split(' ') as [string, string]
    const response = await fetch(`${API}${path}`, {
      method,
      headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    })
    expect(response.status, call.call).toBe(200)
    return response.json()
  }

  it.each(CALLS.map((c) => [c.call, c] as const))('%s', async (_, call) => {
    const answer = await send(call)
    if (Array.isArray(answer)) expect(answer.length, `${call.call} returned no rows to check`).toBeGreaterThan(0)
    const gaps = call.fields.flatMap((field) => missing(answer, field.startsWith('[') || !Array.isArray(answer) ? field : `[].${field}`, call.only))
    expect(gaps, `${call.call} lacks fields bloomy-python reads`).toEqual([])
  })

  it('issues carry Archived: an archived issue is out of the lists but readable by id', async () => {
    const archived = (await send({ call: 'GET /issues/204', fields: [] })) as { Archived: unknown }
    expect(archived.Archived).toBe(true)
    const open = (await send({ call: 'GET /issues/200', fields: [] })) as { Archived: unknown }
    expect(open.Archived).toBe(false)
    const lists = [
      await send({ call: 'GET /L10/10/issues?include_resolved=true', fields: [] }),
      await send({ call: 'GET /issues/users/2', fields: [] }),
    ] as { Id: number }[][]
    for (const list of lists) expect(list.map((i) => i.Id)).not.toContain(204)
  })

  it('the checker itself finds a missing field, nested and per element', () => {
    expect(missing({ Id: 1, Owner: { Id: 2 } }, 'Owner.Name')).toEqual(['Owner.Name'])
    expect(missing([{ Id: 1 }, { Id: 2, Archived: false }], '[].Archived')).toEqual(['[0].Archived'])
    expect(missing({ Scores: [{ Id: 1 }] }, 'Scores[].Week')).toEqual(['Scores[0].Week'])
    expect(missing([{ Origins: [] }], '[].Origins[0].Id')).toEqual([])
  })
})

// Issue 18 item 5: every Bloom Growth list is a Paginated<T>, as docs/pagination.md says of every
// list: lazy, `await` gives all, `for await` streams, `.pages()` gives the (single) page, and bad
// input rejects on consumption instead of throwing at the call.
import { describe, expect, it } from 'vitest'
import { ValidationError, type Paginated } from '../../src/index.js'
import {
  listAttendees,
  listGoals,
  listHeadlines,
  listIssues,
  listMeasurables,
  listMeetingIssues,
  listMeetingMetrics,
  listMeetingTodos,
  listMeetings,
  listScores,
  listTodos,
  listUsers,
  listArchivedGoals,
  type BloomyClient,
} from '../../src/bloomy/index.js'
import { useBloomy } from './_setup.js'

const ctx = useBloomy()

const lists: Record<string, (c: BloomyClient) => Paginated<unknown>> = {
  listUsers: (c) => listUsers(c),
  listMeetings: (c) => listMeetings(c),
  listAttendees: (c) => listAttendees(c, 10),
  listMeetingIssues: (c) => listMeetingIssues(c, 10, { includeClosed: true }),
  listMeetingTodos: (c) => listMeetingTodos(c, 10),
  listMeetingMetrics: (c) => listMeetingMetrics(c, 10),
  listTodos: (c) => listTodos(c),
  listIssues: (c) => listIssues(c, { meetingId: 10 }),
  listGoals: (c) => listGoals(c),
  listArchivedGoals: (c) => listArchivedGoals(c),
  listHeadlines: (c) => listHeadlines(c),
  listMeasurables: (c) => listMeasurables(c, { meetingId: 10 }),
  listScores: (c) => listScores(c, { meetingId: 10, showEmpty: true }),
}

describe('Bloom Growth lists are Paginated', () => {
  for (const [name, list] of Object.entries(lists)) {
    it(`${name}: lazy; await, for await and .pages() agree`, async () => {
      const paginated = list(ctx.client)
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(ctx.sent, 'nothing is sent before it is consumed').toEqual([])
      const all = await paginated
      const streamed: unknown[] = []
      for await (const item of list(ctx.client)) streamed.push(item)
      const pages: unknown[][] = []
      for await (const page of list(ctx.client).pages()) pages.push(page)
      expect(streamed).toEqual(all)
      expect(pages).toEqual([all])
    })
  }

  it('bad input rejects on await and on iteration, never at the call, and sends nothing', async () => {
    let pending: Paginated<unknown> | undefined
    expect(() => (pending = listTodos(ctx.client, { userId: 1, meetingId: 10 }))).not.toThrow()
    await expect(Promise.resolve(pending)).rejects.toBeInstanceOf(ValidationError)
    await expect(listAttendees(ctx.client, -1)[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(ValidationError)
    await expect(Promise.resolve(listMeetings(ctx.client, { owner: 2 } as never))).rejects.toThrow(new TypeError('listMeetings: unknown option `owner`'))
    expect(ctx.sent).toEqual([])
  })
})

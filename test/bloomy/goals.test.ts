import { describe, expect, it } from 'vitest'
import { NotFoundError } from '../../src/index.js'
import {
  archiveGoal,
  completeGoal,
  createGoal,
  deleteGoal,
  getGoal,
  listArchivedGoals,
  listGoals,
  restoreGoal,
  updateGoal,
} from '../../src/bloomy/index.js'
import { calls, lastBody, useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('goals (rocks)', () => {
  it('listGoals defaults to me with include_origin, and maps origins and completion', async () => {
    const goals = await listGoals(ctx.client)
    expect(calls(ctx)).toEqual(['GET /users/mine', 'GET /rocks/user/1?include_origin=true'])
    expect(goals).toEqual([
      {
        id: 300,
        name: 'Close the Series B',
        owner: { id: 1, name: 'Ada Lovelace', imageUrl: 'https://bloom.test/i/userplaceholder/1.png' },
        createTime: '2025-01-02T09:00:00Z',
        dueDate: '2025-03-31T00:00:00Z',
        complete: false,
        completion: 'OnTrack',
        archived: false,
        origins: [{ id: 10, name: 'Leadership L10' }],
      },
    ])
  })

  it('listGoals of a meeting, listArchivedGoals', async () => {
    expect((await listGoals(ctx.client, { meetingId: 11 })).map((g) => g.id)).toEqual([301])
    const archived = await listArchivedGoals(ctx.client, { userId: 1 })
    expect(archived.map((g) => [g.id, g.complete, g.archived])).toEqual([[302, true, true]])
    expect(calls(ctx)).toEqual(['GET /L10/11/rocks', 'GET /archivedrocks/user/1'])
  })

  it('createGoal posts title/accountableUserId and keeps the title the response leaves out', async () => {
    const goal = await createGoal(ctx.client, { meetingId: 11, title: 'Cut build time in half', ownerId: 3 })
    expect(lastBody(ctx, 'POST', '/L10/11/rocks')).toEqual({ title: 'Cut build time in half', accountableUserId: 3 })
    expect(goal).toMatchObject({ name: 'Cut build time in half', completion: 'OnTrack', owner: { id: 3 }, origins: [{ id: 11, name: 'Engineering L10' }] })
    expect(calls(ctx)).toEqual(['POST /L10/11/rocks'])
  })

  it('updateGoal sends only what changes; completeGoal sets completion Complete', async () => {
    await updateGoal(ctx.client, 301, { status: 'OnTrack', title: 'Launch v2 in March' })
    expect(lastBody(ctx, 'PUT', '/rocks/301')).toEqual({ title: 'Launch v2 in March', completion: 'OnTrack' })
    expect(ctx.fake.state.goals.get(301)).toMatchObject({ name: 'Launch v2 in March', completion: 'OnTrack', ownerId: 2 })
    await completeGoal(ctx.client, 301)
    expect(lastBody(ctx, 'PUT', '/rocks/301')).toEqual({ completion: 'Complete' })
    const goal = await getGoal(ctx.client, 301)
    expect(goal.complete).toBe(true)
  })

  it('archive, restore, delete', async () => {
    await archiveGoal(ctx.client, 300)
    expect(ctx.fake.state.goals.get(300)?.archived).toBe(true)
    await restoreGoal(ctx.client, 300)
    expect(ctx.fake.state.goals.get(300)?.archived).toBe(false)
    await deleteGoal(ctx.client, 300)
    await expect(getGoal(ctx.client, 300)).rejects.toBeInstanceOf(NotFoundError)
    expect(calls(ctx)).toEqual(['PUT /rocks/300/archive', 'PUT /rocks/300/restore', 'DELETE /rocks/300', 'GET /rocks/300'])
  })

  it('bad input is refused before any request', async () => {
    await expect(updateGoal(ctx.client, 301, { status: 'on' as 'OnTrack' })).rejects.toThrow(/status: must be OnTrack, AtRisk or Complete/)
    await expect(updateGoal(ctx.client, 301, {})).rejects.toThrow(/give title, ownerId and\/or status/)
    await expect(createGoal(ctx.client, { meetingId: 0, title: 'x' })).rejects.toThrow(/meetingId/)
    expect(ctx.sent).toEqual([])
  })
})

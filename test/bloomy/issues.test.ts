import { describe, expect, it } from 'vitest'
import { NotFoundError, ValidationError } from '../../src/index.js'
import { completeIssue, createIssue, getIssue, listIssues, updateIssue } from '../../src/bloomy/index.js'
import { calls, lastBody, useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('issues', () => {
  it('listIssues defaults to the current user (issues/users/{me})', async () => {
    const issues = await listIssues(ctx.client)
    expect(calls(ctx)).toEqual(['GET /users/mine', 'GET /issues/users/1'])
    expect(issues.map((i) => i.name)).toEqual(['Churn is up'])
  })

  it('listIssues by meeting, with and without solved ones', async () => {
    expect((await listIssues(ctx.client, { meetingId: 10 })).map((i) => i.id)).toEqual([200, 201])
    expect((await listIssues(ctx.client, { meetingId: 10, includeClosed: true })).map((i) => i.id)).toEqual([200, 201, 203])
    expect((await listIssues(ctx.client, { userId: 3 })).map((i) => i.id)).toEqual([202])
    await expect(listIssues(ctx.client, { userId: 3, meetingId: 10 })).rejects.toBeInstanceOf(ValidationError)
    expect(calls(ctx)).toEqual([
      'GET /L10/10/issues?include_resolved=false',
      'GET /L10/10/issues?include_resolved=true',
      'GET /issues/users/3',
    ])
  })

  it('getIssue', async () => {
    const issue = await getIssue(ctx.client, 202)
    expect(issue).toEqual({
      id: 202,
      name: 'Build times',
      detailsUrl: 'https://bloom.test/Issues/Pad/202',
      createTime: '2025-01-02T09:00:00Z',
      closeTime: undefined,
      completeTime: undefined,
      owner: { id: 3, name: 'Alan Turing', imageUrl: 'https://bloom.test/i/userplaceholder/3.png' },
      originId: 11,
      origin: 'Engineering L10',
    })
    await expect(getIssue(ctx.client, 1)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('createIssue posts title/meetingid/ownerid (owner defaults to me)', async () => {
    const issue = await createIssue(ctx.client, { meetingId: 11, title: 'Flaky staging', notes: 'since Monday' })
    expect(calls(ctx)).toEqual(['GET /users/mine', 'POST /issues/create'])
    expect(lastBody(ctx, 'POST', '/issues/create')).toEqual({ title: 'Flaky staging', meetingid: 11, ownerid: 1, notes: 'since Monday' })
    expect(issue).toMatchObject({ name: 'Flaky staging', originId: 11, owner: { id: 1, name: 'Ada Lovelace' } })
    expect(ctx.fake.state.issues.get(issue.id)?.notes).toBe('since Monday')
  })

  it('updateIssue then completeIssue', async () => {
    const renamed = await updateIssue(ctx.client, 201, { title: 'Hiring pipeline is very slow', notes: 'two roles open' })
    expect(renamed.name).toBe('Hiring pipeline is very slow')
    expect(ctx.fake.state.issues.get(201)?.notes).toBe('two roles open')
    const solved = await completeIssue(ctx.client, 201)
    expect(solved.closeTime).toBe('2025-01-08T12:00:00Z')
    expect(lastBody(ctx, 'POST', '/issues/201/complete')).toEqual({ complete: true })
    expect(calls(ctx)).toEqual(['PUT /issues/201', 'GET /issues/201', 'POST /issues/201/complete', 'GET /issues/201'])
  })

  it('bad input is refused before any request', async () => {
    await expect(createIssue(ctx.client, { meetingId: 10, title: ' ' })).rejects.toThrow(/createIssue: title/)
    await expect(createIssue(ctx.client, { title: 'x' } as unknown as { meetingId: number; title: string })).rejects.toThrow(/meetingId/)
    await expect(updateIssue(ctx.client, 201, {})).rejects.toThrow(/give title and\/or notes/)
    expect(ctx.sent).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { NotFoundError, ValidationError } from '../../src/index.js'
import { createHeadline, deleteHeadline, getHeadline, listHeadlines, updateHeadline } from '../../src/bloomy/index.js'
import { calls, lastBody, useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('headlines', () => {
  it('listHeadlines by meeting and by user (default me)', async () => {
    expect((await listHeadlines(ctx.client, { meetingId: 10 })).map((h) => h.name)).toEqual(['Signed ACME', 'New office is open'])
    expect((await listHeadlines(ctx.client)).map((h) => h.id)).toEqual([401])
    expect(calls(ctx)).toEqual(['GET /L10/10/headlines', 'GET /users/mine', 'GET /headline/users/1'])
    await expect(listHeadlines(ctx.client, { meetingId: 10, userId: 1 })).rejects.toBeInstanceOf(ValidationError)
  })

  it('getHeadline asks for its origin', async () => {
    const headline = await getHeadline(ctx.client, 400)
    expect(calls(ctx)).toEqual(['GET /headline/400?Include_Origin=true'])
    expect(headline).toMatchObject({ id: 400, name: 'Signed ACME', origin: 'Leadership L10', originId: 10, owner: { id: 4, name: 'Katherine Johnson' }, archived: false })
  })

  it('createHeadline, updateHeadline, deleteHeadline', async () => {
    const created = await createHeadline(ctx.client, { meetingId: 10, title: 'Hit 1,000 customers', ownerId: 2, notes: 'cake on Friday' })
    expect(lastBody(ctx, 'POST', '/L10/10/headlines')).toEqual({ title: 'Hit 1,000 customers', ownerId: 2, notes: 'cake on Friday' })
    expect(created).toMatchObject({ name: 'Hit 1,000 customers', owner: { id: 2 }, originId: 10 })
    await updateHeadline(ctx.client, created.id, { title: 'Hit 1,024 customers' })
    expect((await getHeadline(ctx.client, created.id)).name).toBe('Hit 1,024 customers')
    await deleteHeadline(ctx.client, created.id)
    await expect(getHeadline(ctx.client, created.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('bad input is refused before any request', async () => {
    await expect(updateHeadline(ctx.client, 400, { title: '' })).rejects.toThrow(/updateHeadline: title/)
    await expect(createHeadline(ctx.client, { meetingId: 10, title: 'x', ownerId: 2.5 })).rejects.toThrow(/ownerId/)
    expect(ctx.sent).toEqual([])
  })
})

import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { AbortError, NotFoundError, ServerError, ValidationError } from '../../src/index.js'
import { createTodos, type CreateTodoInput } from '../../src/bloomy/index.js'
import { useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('createTodos', () => {
  it('50 todos with 3 failures ⇒ 47 created + 3 failures with index, input and error', async () => {
    ctx.fake.latency = 5
    const inputs: CreateTodoInput[] = Array.from({ length: 50 }, (_, i) => ({ title: `Todo ${i}`, meetingId: 10 }))
    inputs[7] = { title: 'Todo 7', meetingId: 4242 } // no such meeting: 404
    inputs[23] = { title: '', meetingId: 10 } // bad input: refused before sending
    inputs[41] = { title: 'Todo 41 (server down)', meetingId: 10 } // 500, not retried (a POST)
    ctx.server.use(
      http.post('*/api/v1/L10/:id/todos', async ({ request }) => {
        const body = (await request.clone().json()) as { Title?: string }
        if (body.Title?.includes('server down')) return HttpResponse.json({ Message: 'An error has occurred.' }, { status: 500 })
        return undefined // fall through to the fake
      }),
    )
    const progress: number[] = []
    const before = ctx.fake.state.todos.size
    const result = await createTodos(ctx.client, inputs, { onProgress: (p) => progress.push(p.done) })

    expect(result.successful).toHaveLength(47)
    expect(result.failed.map((f) => f.index)).toEqual([7, 23, 41])
    expect(result.failed.map((f) => f.input)).toEqual([inputs[7], inputs[23], inputs[41]])
    expect(result.failed[0]?.error).toBeInstanceOf(NotFoundError)
    expect(result.failed[1]?.error).toBeInstanceOf(ValidationError)
    expect(result.failed[2]?.error).toBeInstanceOf(ServerError)
    // Successes keep the input order and are really stored.
    expect(result.successful.map((t) => t.name)).toEqual(
      inputs.filter((_, i) => ![7, 23, 41].includes(i)).map((input) => input.title),
    )
    expect(ctx.fake.state.todos.size - before).toBe(47)
    expect(ctx.fake.stats.writes).toBe(47)
    // One users/mine lookup for all 50, 49 POSTs (the bad input never left), no retried POST.
    const posts = ctx.fake.traffic.log.filter((e) => e.method === 'POST')
    expect(ctx.fake.traffic.log.filter((e) => e.path === '/users/mine')).toHaveLength(1)
    expect(posts).toHaveLength(48) // msw answered the 500 itself, before the fake
    expect(ctx.sent.filter((s) => s.method === 'POST')).toHaveLength(49)
    expect(progress).toHaveLength(50)
    expect(progress.at(-1)).toBe(50)
  })

  it('runs at most `concurrency` creations at once (default 5)', async () => {
    ctx.fake.latency = 20
    const inputs = Array.from({ length: 12 }, (_, i) => ({ title: `T${i}`, userId: 2 }))
    await createTodos(ctx.client, inputs)
    expect(ctx.fake.traffic.maxInFlight).toBe(5)
    ctx.fake.traffic.reset()
    await createTodos(ctx.client, inputs, { concurrency: 2 })
    expect(ctx.fake.traffic.maxInFlight).toBe(2)
  })

  it('an aborted batch still reports every input: created ones as successes, the rest as failures', async () => {
    ctx.fake.latency = 30
    const controller = new AbortController()
    const inputs = Array.from({ length: 10 }, (_, i) => ({ title: `T${i}`, userId: 2 }))
    const pending = createTodos(ctx.client, inputs, {
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 4) controller.abort()
      },
    })
    const result = await pending
    expect(result.successful.length + result.failed.length).toBe(10)
    expect(result.successful.length).toBeGreaterThanOrEqual(4)
    expect(result.failed.length).toBeGreaterThan(0)
    expect(result.failed.every((f) => f.error instanceof AbortError)).toBe(true)
    expect(ctx.fake.state.todos.size - 5).toBe(ctx.fake.stats.writes)
  })

  it('an empty batch sends nothing', async () => {
    expect(await createTodos(ctx.client, [])).toEqual({ successful: [], failed: [] })
    expect(ctx.sent).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { NotFoundError, ValidationError } from '../../src/index.js'
import { completeTodo, createTodo, getTodo, listTodos, updateTodo } from '../../src/bloomy/index.js'
import { calls, lastBody, useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('todos', () => {
  it('listTodos defaults to the current user (todo/user/{me})', async () => {
    const todos = await listTodos(ctx.client)
    expect(calls(ctx)).toEqual(['GET /users/mine', 'GET /todo/user/1'])
    expect(todos.map((t) => t.name)).toEqual(['Send board deck', 'Renew insurance'])
    expect(todos[0]).toEqual({
      id: 100,
      name: 'Send board deck',
      detailsUrl: 'https://bloom.test/Todo/Pad/100',
      dueDate: '2025-01-10T00:00:00Z',
      createTime: '2025-01-02T09:00:00Z',
      completeTime: undefined,
      closeTime: undefined,
      complete: false,
      owner: { id: 1, name: 'Ada Lovelace', imageUrl: 'https://bloom.test/i/userplaceholder/1.png' },
      originId: 10,
      origin: 'Leadership L10',
    })
    expect(todos[1]?.originId).toBeUndefined()
  })

  it('listTodos by user or by meeting', async () => {
    expect((await listTodos(ctx.client, { userId: 2 })).map((t) => t.id)).toEqual([101])
    expect((await listTodos(ctx.client, { meetingId: 10 })).map((t) => t.id)).toEqual([100, 104])
    expect(calls(ctx)).toEqual(['GET /todo/user/2', 'GET /L10/10/todos?INCLUDE_CLOSED=false'])
  })

  it('listTodos with both userId and meetingId is a ValidationError, nothing sent', async () => {
    const error = await listTodos(ctx.client, { userId: 1, meetingId: 10 }).then(undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toBe('meetingId')
    expect(ctx.sent).toEqual([])
  })

  it('getTodo', async () => {
    const todo = await getTodo(ctx.client, 103)
    expect(todo).toMatchObject({ id: 103, name: 'Fix flaky CI', complete: true, completeTime: '2025-01-05T10:00:00Z' })
    await expect(getTodo(ctx.client, 9999)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('createTodo in a meeting posts Title/ForId to L10/{id}/todos', async () => {
    const todo = await createTodo(ctx.client, { title: 'Send the deck', meetingId: 10, dueDate: '2025-02-01', notes: 'v3' })
    expect(lastBody(ctx, 'POST', '/L10/10/todos')).toEqual({ Title: 'Send the deck', ForId: 1, Notes: 'v3', dueDate: '2025-02-01' })
    expect(todo).toMatchObject({ name: 'Send the deck', originId: 10, complete: false, dueDate: '2025-02-01T00:00:00.000Z' })
    const stored = ctx.fake.state.todos.get(todo.id)
    expect(stored).toMatchObject({ name: 'Send the deck', ownerId: 1, meetingId: 10, notes: 'v3' })
    expect(ctx.fake.stats.writes).toBe(1)
  })

  it('createTodo without a meeting is personal: todo/create with accountableUserId', async () => {
    const due = new Date('2025-03-01T12:00:00Z')
    const todo = await createTodo(ctx.client, { title: 'Renew the lease', dueDate: due, userId: 3 })
    expect(lastBody(ctx, 'POST', '/todo/create')).toEqual({ title: 'Renew the lease', accountableUserId: 3, dueDate: '2025-03-01T12:00:00.000Z' })
    expect(calls(ctx)).toEqual(['POST /todo/create'])
    expect(ctx.fake.state.todos.get(todo.id)).toMatchObject({ ownerId: 3 })
    expect(todo.originId).toBeUndefined()
  })

  it('createTodo in a missing meeting rejects with NotFoundError', async () => {
    await expect(createTodo(ctx.client, { title: 'x', meetingId: 4242, userId: 1 })).rejects.toBeInstanceOf(NotFoundError)
  })

  it('updateTodo puts title/dueDate then reads the todo back', async () => {
    const todo = await updateTodo(ctx.client, 100, { title: 'Send the board deck', dueDate: '2025-01-20T00:00:00Z' })
    expect(calls(ctx)).toEqual(['PUT /todo/100', 'GET /todo/100'])
    expect(lastBody(ctx, 'PUT', '/todo/100')).toEqual({ title: 'Send the board deck', dueDate: '2025-01-20T00:00:00Z' })
    expect(todo).toMatchObject({ id: 100, name: 'Send the board deck', dueDate: '2025-01-20T00:00:00.000Z' })
  })

  it('completeTodo posts complete?status=true then reads the todo back', async () => {
    const todo = await completeTodo(ctx.client, 104)
    expect(calls(ctx)).toEqual(['POST /todo/104/complete?status=true', 'GET /todo/104'])
    expect(todo.complete).toBe(true)
    expect(todo.completeTime).toBe('2025-01-08T12:00:00Z')
  })

  it('bad input is refused before any request', async () => {
    await expect(createTodo(ctx.client, { title: '' })).rejects.toThrow(/createTodo: title: must not be empty/)
    await expect(createTodo(ctx.client, { title: 'x', dueDate: 'next tuesday' })).rejects.toThrow(/dueDate/)
    await expect(createTodo(ctx.client, { title: 'x', dueDate: new Date('nope') })).rejects.toThrow(/dueDate/)
    await expect(createTodo(ctx.client, { title: 'x', meetingId: -1 })).rejects.toThrow(/meetingId/)
    await expect(createTodo(ctx.client, null as unknown as { title: string })).rejects.toBeInstanceOf(ValidationError)
    await expect(updateTodo(ctx.client, 100, {})).rejects.toThrow(/give title and\/or dueDate/)
    await expect(completeTodo(ctx.client, 0)).rejects.toThrow(/completeTodo: id/)
    expect(ctx.sent).toEqual([])
  })
})

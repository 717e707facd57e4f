import * as v from 'valibot'
import type { CallOptions } from '../core/types.js'
import { ValidationError } from '../core/errors.js'
import { TodoListSchema, TodoSchema, toTodo, type Todo, type TodoWire } from './schemas.js'
import { callOptions, DateInput, Id, Title, checkId, checkInput, exclusive, send, sendVoid, at, seg, onePage, USER_MEETING_CLOSED_KEYS, type BloomyClient } from './_internal.js'
import { listMeetingTodos } from './meetings.js'
import { userIdOrMine } from './users.js'
import { CALL_OPTION_KEYS, checkOptionKeys } from '../core/options.js'
import type { Paginated } from '../core/types.js'

export interface ListTodosOptions extends CallOptions {
  /** Todos of this user (`GET todo/user/{id}`); default the current user. Not with `meetingId`. */
  userId?: number
  /** Todos of this meeting (`GET L10/{id}/todos`). Not with `userId`. */
  meetingId?: number
  /** With `meetingId`: also return done todos. */
  includeClosed?: boolean
}

const ListTodosInput = /* @__PURE__ */ v.object({
  userId: /* @__PURE__ */ v.optional(Id),
  meetingId: /* @__PURE__ */ v.optional(Id),
  includeClosed: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()),
})

/**
 * Todos of a user (default: you) or of a meeting. `userId` and `meetingId` are mutually
 * exclusive: both ⇒ `ValidationError` before any request.
 *
 * @example
 * const mine = await listTodos(bloom)
 * const meetingTodos = await listTodos(bloom, { meetingId: 123 })
 */
export function listTodos(client: BloomyClient, options?: ListTodosOptions): Paginated<Todo> {
  return onePage(options, async () => {
    checkOptionKeys('listTodos', options, USER_MEETING_CLOSED_KEYS)
    const input = checkInput(
      ListTodosInput,
      { userId: options?.userId, meetingId: options?.meetingId, includeClosed: options?.includeClosed },
      'listTodos',
    )
    exclusive(input, 'listTodos')
    if (input.meetingId !== undefined) return listMeetingTodos(client, input.meetingId, { ...callOptions(options), includeClosed: input.includeClosed })
    const userId = await userIdOrMine(client, input.userId, options)
    return send(
      client,
      { operation: 'listTodos', ...at('/todo/user/{userId}', { userId }), schema: TodoListSchema },
      (w: TodoWire[]) => w.map(toTodo),
      options,
    )
  })
}

/**
 * One todo (`GET todo/{id}`).
 *
 * @example
 * const todo = await getTodo(bloom, 987)
 * console.log(todo.name, todo.dueDate, todo.complete)
 */
export async function getTodo(client: BloomyClient, id: number, options?: CallOptions): Promise<Todo> {
  checkOptionKeys('getTodo', options, CALL_OPTION_KEYS)
  const todoId = checkId(id, 'getTodo')
  return send(client, { operation: 'getTodo', ...at('/todo/{todoId}', { todoId }), schema: TodoSchema }, (w: TodoWire) => toTodo(w), options)
}

export interface CreateTodoInput {
  title: string
  /** Attach to this meeting (`POST L10/{meetingId}/todos`); otherwise a personal todo (`POST todo/create`). */
  meetingId?: number
  /** ISO date string or `Date`. */
  dueDate?: string | Date
  notes?: string
  /** Who is accountable; default the current user. */
  userId?: number
}

/** The input of `createTodo` (also what `createTodos` checks per item). */
export const CreateTodoInputSchema = /* @__PURE__ */ v.object({
  title: Title,
  meetingId: /* @__PURE__ */ v.optional(Id),
  dueDate: /* @__PURE__ */ v.optional(DateInput),
  notes: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('must be a string')),
  userId: /* @__PURE__ */ v.optional(Id),
})

/**
 * Creates a todo: in a meeting when `meetingId` is given, else a personal one. The accountable
 * user defaults to the current user (looked up once per client).
 *
 * @example
 * const todo = await createTodo(bloom, { title: 'Send the deck', meetingId: 123, dueDate: '2025-06-01' })
 */
export async function createTodo(client: BloomyClient, input: CreateTodoInput, options?: CallOptions): Promise<Todo> {
  checkOptionKeys('createTodo', options, CALL_OPTION_KEYS)
  const data = checkInput(CreateTodoInputSchema, input, 'createTodo')
  const userId = await userIdOrMine(client, data.userId, options)
  const op =
    data.meetingId !== undefined
      ? {
          path: `/L10/${seg(data.meetingId)}/todos`,
          body: { Title: data.title, ForId: userId, Notes: data.notes, dueDate: data.dueDate },
        }
      : {
          path: '/todo/create',
          body: { title: data.title, accountableUserId: userId, notes: data.notes, dueDate: data.dueDate },
        }
  const todo = await send(client, { operation: 'createTodo', method: 'POST', ...op, schema: TodoSchema }, (w: TodoWire) => toTodo(w), options)
  // The create response is short (Id, Name, DetailsUrl, DueDate, CreateTime): fill in what we sent.
  return { ...todo, originId: todo.originId ?? data.meetingId, dueDate: todo.dueDate ?? data.dueDate }
}

export interface UpdateTodoInput {
  title?: string
  dueDate?: string | Date
}

const UpdateTodoSchema = /* @__PURE__ */ v.object({ title: /* @__PURE__ */ v.optional(Title), dueDate: /* @__PURE__ */ v.optional(DateInput) })

/**
 * Changes a todo's title and/or due date (`PUT todo/{id}`), then returns it as stored.
 * At least one field is required.
 *
 * @example
 * const todo = await updateTodo(bloom, 987, { dueDate: new Date('2025-07-01') })
 */
export async function updateTodo(
  client: BloomyClient,
  id: number,
  input: UpdateTodoInput,
  options?: CallOptions,
): Promise<Todo> {
  checkOptionKeys('updateTodo', options, CALL_OPTION_KEYS)
  const todoId = checkId(id, 'updateTodo')
  const data = checkInput(UpdateTodoSchema, input, 'updateTodo')
  if (data.title === undefined && data.dueDate === undefined) {
    throw new ValidationError('updateTodo', [{ path: 'title', message: 'give title and/or dueDate' }])
  }
  await sendVoid(
    client,
    { operation: 'updateTodo', ...at('/todo/{todoId}', { todoId }), method: 'PUT', body: { title: data.title, dueDate: data.dueDate } },
    options,
  )
  return getTodo(client, todoId, options)
}

/**
 * Marks a todo done (`POST todo/{id}/complete?status=true`), then returns it.
 *
 * @example
 * const done = await completeTodo(bloom, 987)
 * console.log(done.complete) // true
 */
export async function completeTodo(client: BloomyClient, id: number, options?: CallOptions): Promise<Todo> {
  checkOptionKeys('completeTodo', options, CALL_OPTION_KEYS)
  const todoId = checkId(id, 'completeTodo')
  await sendVoid(
    client,
    { operation: 'completeTodo', ...at('/todo/{todoId}/complete', { todoId }), method: 'POST', query: { status: true }, idempotent: true },
    options,
  )
  return getTodo(client, todoId, options)
}

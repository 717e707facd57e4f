import { expectTypeOf, test } from 'vitest'
import type { Client } from '../../src/index.js'
import {
  bloomy,
  createTodos,
  getMeetingDetails,
  getTodo,
  listUsers,
  type BloomyClient,
  type CreateTodoInput,
  type MeetingDetails,
  type Todo,
  type User,
} from '../../src/bloomy/index.js'

test('a Bloomy client is branded; a plain client fits; another service does not', () => {
  expectTypeOf(bloomy).returns.toEqualTypeOf<BloomyClient>()
  const plain = {} as Client
  expectTypeOf(getTodo).toBeCallableWith(plain, 1)
  const wiki = {} as Client<'wikijs'>
  // @ts-expect-error a Wiki.js client cannot be passed to a Bloomy function
  void getTodo(wiki, 1)
})

test('results are camelCase types', () => {
  expectTypeOf(getTodo).returns.resolves.toEqualTypeOf<Todo>()
  expectTypeOf(listUsers).returns.resolves.toEqualTypeOf<User[]>()
  expectTypeOf(getMeetingDetails).returns.resolves.toEqualTypeOf<MeetingDetails>()
  expectTypeOf<Todo['dueDate']>().toEqualTypeOf<string | undefined>()
  expectTypeOf(createTodos).returns.resolves.toEqualTypeOf<{
    successful: Todo[]
    failed: { index: number; input: CreateTodoInput; error: Error }[]
  }>()
})

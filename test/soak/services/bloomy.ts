import { bloomy, createTodo, getTodo, listMeetingTodos, updateTodo } from '../../../src/bloomy/index.js'
import { bloomyFake } from '../../../src/testing/index.js'
import { expectResult, marker, plan } from '../plan.js'

const API_KEY = 'soak-bloomy-api-key-2c7a90'
const PASSWORD = 'soak-bloomy-password-61e0'
const TODOS = [100, 101, 102, 103, 104]

/** Bloom Growth: an API key (never expires), todos read, listed, created and renamed. */
export function bloomyPlan() {
  const fake = bloomyFake({ apiKey: API_KEY, password: PASSWORD })
  const names = new Map(TODOS.map((id) => [id, fake.state.todos.get(id)!.name]))
  const todoId = (i: number) => TODOS[i % TODOS.length]!
  return plan({
    service: 'bloomy',
    fake,
    expires: false,
    staticSecrets: [API_KEY, PASSWORD],
    client: (url, options) => bloomy({ apiKey: API_KEY, baseURL: `${url}/api/v1`, ...options }),
    async call(client, kind, i, signal) {
      if (kind === 'get') {
        const todo = await getTodo(client, todoId(i), { signal })
        expectResult(todo.id === todoId(i), `getTodo(${todoId(i)}) gave ${todo.id}`)
      } else if (kind === 'list') {
        const todos = await listMeetingTodos(client, 11, { signal })
        expectResult(todos.length > 0 && todos.length <= 5, `listMeetingTodos(11) gave ${todos.length}`)
      } else if (kind === 'create') {
        const todo = await createTodo(client, { title: marker('bloomy', i), userId: 1 }, { signal })
        expectResult(todo.name === marker('bloomy', i), `createTodo gave ${JSON.stringify(todo)}`)
      } else {
        // The same title every time: idempotent (PUT, then a read).
        const id = todoId(i)
        const todo = await updateTodo(client, id, { title: names.get(id)! }, { signal })
        expectResult(todo.id === id && todo.name === names.get(id), `updateTodo(${id}) gave ${JSON.stringify(todo)}`)
      }
    },
    markers: () => [...fake.state.todos.values()].map((t) => t.name).filter((name) => name.startsWith('soak-bloomy-')),
    issuedSecrets: () => [...fake.state.tokens.keys()],
  })
}

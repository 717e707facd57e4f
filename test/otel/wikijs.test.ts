// isosdk/otel on Wiki.js, in process against its fake (msw): every call is a POST to one GraphQL
// endpoint, so the call span says which operation it ran (`isosdk.operation`): the module's own
// document name, or the `operationName` a caller's `graphql()` gave.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { wikijsFake } from '../../src/testing/wikijs/index.js'
import { getPage, graphql, wikijs } from '../../src/wikijs/index.js'
import { createRecorder } from './_setup.js'

const fake = wikijsFake()
const server = setupServer(...fake.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

it('a Wiki.js call span names its GraphQL operation: the module document, or the operationName given', async () => {
  const recorder = createRecorder()
  const wiki = wikijs({ url: 'https://wiki.test', apiKey: fake.state.apiKey, telemetry: recorder.telemetry() })
  const id = [...fake.state.pages.keys()][0]!
  await getPage(wiki, id)
  await graphql(wiki, 'query A { pages { tags { id } } } query B { pages { tags { tag } } }', {}, undefined, { operationName: 'B' })
  await graphql(wiki, '{ pages { tags { id } } }')
  await wiki.close()

  const calls = recorder.spans().filter((s) => s.parentSpanContext === undefined)
  expect(calls.map((s) => [s.name, s.attributes['isosdk.service'], s.attributes['isosdk.operation']])).toEqual([
    ['POST /graphql', 'wikijs', 'WikiGetPage'],
    ['POST /graphql', 'wikijs', 'B'],
    // An anonymous document has no name to give.
    ['POST /graphql', 'wikijs', undefined],
  ])
})

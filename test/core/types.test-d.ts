import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createClient, paginate, mapConcurrent, type Client, type Paginated, type Settled } from '../../src/index.js'

describe('public types', () => {
  const client = createClient({ baseURL: 'https://x.test' })

  it('request infers its result from the schema', () => {
    const schema = v.object({ id: v.number(), name: v.string() })
    expectTypeOf(client.request({ path: '/u', schema })).toEqualTypeOf<Promise<{ id: number; name: string }>>()
    expectTypeOf(client.request<string[]>({ path: '/u' })).toEqualTypeOf<Promise<string[]>>()
  })

  it('paginate yields the item type', () => {
    const list = paginate<{ id: number }, string>(async () => ({ items: [{ id: 1 }] }))
    expectTypeOf(list).toEqualTypeOf<Paginated<{ id: number }>>()
    expectTypeOf(list).toMatchTypeOf<PromiseLike<{ id: number }[]>>()
    expectTypeOf(list).toMatchTypeOf<AsyncIterable<{ id: number }>>()
  })

  it('mapConcurrent returns values, or outcomes with settle', () => {
    expectTypeOf(mapConcurrent([1], async (n) => String(n), { concurrency: 1 })).toEqualTypeOf<Promise<string[]>>()
    expectTypeOf(mapConcurrent([1], async (n) => String(n), { concurrency: 1, settle: true })).toEqualTypeOf<Promise<Settled<string>[]>>()
  })

  it('options reject unknown keys', () => {
    // @ts-expect-error unknown option
    createClient({ baseURL: 'https://x.test', retries: 3 })
    // @ts-expect-error unknown request field
    void client.request({ path: '/x', methd: 'GET' })
  })

  it('a branded client does not fit another service', () => {
    const wiki = {} as Client<'wikijs'>
    const takesWorkiva = (_c: Client<'workiva'>) => undefined
    // @ts-expect-error a Wiki.js client is not a Workiva client
    takesWorkiva(wiki)
    takesWorkiva(client)
  })
})

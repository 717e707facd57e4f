import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createClient, type Client, type Paginated } from '../../src/index.js'
import {
  getPage,
  graphql,
  listPages,
  searchPages,
  wikijs,
  type Page,
  type PageListItem,
  type PageSearchResponse,
  type ResponseStatus,
  deletePage,
} from '../../src/wikijs/index.js'

describe('isosdk/wikijs types', () => {
  const wiki = wikijs({ url: 'https://wiki.test', apiKey: 'key' })

  it('the preset returns a Wiki.js-branded client; a plain client fits too, another service does not', () => {
    expectTypeOf(wiki).toEqualTypeOf<Client<'wikijs'>>()
    void getPage(createClient({ baseURL: 'https://wiki.test' }), 1)
    const workiva = createClient<'workiva'>({ baseURL: 'https://api.test' })
    // @ts-expect-error a Workiva client is not a Wiki.js client
    void getPage(workiva, 1)
  })

  it('resource functions return the schema types', () => {
    expectTypeOf(getPage(wiki, 1)).toEqualTypeOf<Promise<Page>>()
    expectTypeOf(listPages(wiki)).toEqualTypeOf<Paginated<PageListItem>>()
    expectTypeOf(searchPages(wiki, 'x')).toEqualTypeOf<Promise<PageSearchResponse>>()
    expectTypeOf(deletePage(wiki, 1)).toEqualTypeOf<Promise<ResponseStatus>>()
    expectTypeOf<Page['tags'][number]['tag']>().toEqualTypeOf<string>()
    // @ts-expect-error orderBy takes the schema's enum values
    void listPages(wiki, { orderBy: 'title' })
  })

  it('graphql infers data from the schema, or takes a type argument', () => {
    const schema = v.object({ site: v.object({ config: v.object({ title: v.string() }) }) })
    expectTypeOf(graphql(wiki, '{ site { config { title } } }', {}, schema)).toEqualTypeOf<Promise<{ site: { config: { title: string } } }>>()
    expectTypeOf(graphql<{ a: number }>(wiki, '{ a }')).toEqualTypeOf<Promise<{ a: number }>>()
    expectTypeOf(graphql(wiki, '{ a }')).toEqualTypeOf<Promise<unknown>>()
  })
})

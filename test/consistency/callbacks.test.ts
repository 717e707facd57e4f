/**
 * Issue 18 item 8: `onProgress`, `onPage` and `onChunk` may be async, and a callback that throws
 * — or returns a promise that rejects — becomes the call's rejection, with that very error.
 * Never an unhandled rejection (which ends a Node process): `process.on('unhandledRejection')`
 * must see nothing. Each case runs against the service's fake.
 */
import { setupServer } from 'msw/node'
import type { RequestHandler } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mapConcurrent, paginate, wait, type Client } from '../../src/index.js'
import { bloomy, createTodos } from '../../src/bloomy/index.js'
import { folio, folioGetAll } from '../../src/folio/index.js'
import { bulkIngest, bulkQuery, fetchRecords, insertRecords, query, salesforce } from '../../src/salesforce/index.js'
import { listPages, wikijs } from '../../src/wikijs/index.js'
import { copyFile, getFiles, wait as workivaWait, workiva } from '../../src/workiva/index.js'
import { bloomyFake } from '../../src/testing/bloomy/index.js'
import { folioFake } from '../../src/testing/folio/index.js'
import { salesforceFake } from '../../src/testing/salesforce/index.js'
import { wikijsFake } from '../../src/testing/wikijs/index.js'
import { workivaFake, workivaFakeBaseURLs } from '../../src/testing/workiva/index.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

let unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeEach(() => {
  unhandled = []
  process.on('unhandledRejection', onUnhandled)
})
afterEach(() => {
  process.off('unhandledRejection', onUnhandled)
})

const clients: Client<unknown>[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})
function use<C extends Client<unknown>>(handlers: RequestHandler[], client: C): C {
  server.resetHandlers(...handlers)
  clients.push(client)
  return client
}

const FOLIO_PASSWORD = 'Adm1n-Passw0rd-Long'
const fastJob = { interval: 1 }

function sf() {
  const fake = salesforceFake()
  return use(fake.handlers, salesforce({ loginUrl: 'https://login.sf.test', username: fake.username, password: fake.password, securityToken: fake.securityToken, retry: false }))
}

type Callback = (...args: unknown[]) => unknown
/** Each case runs the call with `callback` in the callback slot; the call must end with the callback's error. */
const cases: Record<string, (callback: Callback) => PromiseLike<unknown>> = {
  'paginate onProgress': (cb) =>
    paginate<number, number>(async (n = 0) => ({ items: [n], next: n < 3 ? n + 1 : undefined }), { onProgress: cb }),
  'mapConcurrent onProgress': (cb) => mapConcurrent([1, 2, 3, 4], async (n) => n, { concurrency: 2, onProgress: cb }),
  'mapConcurrent onProgress (settle: true)': (cb) => mapConcurrent([1, 2, 3, 4], async (n) => n, { concurrency: 2, settle: true, onProgress: cb }),
  'wait onProgress': (cb) => {
    let polls = 0
    const client = use([], bloomy({ apiKey: 'unused-key-0123' }))
    return wait(client, { poll: async () => ({ done: ++polls > 2, status: polls > 2 ? 'done' : 'running', value: polls }) }, { interval: 1, onProgress: cb }).result()
  },
  'Wiki.js listPages onProgress': (cb) => {
    const fake = wikijsFake()
    return listPages(use(fake.handlers, wikijs({ url: 'https://wiki.test', apiKey: fake.state.apiKey })), { pageSize: 1, onProgress: cb })
  },
  'FOLIO folioGetAll onProgress': (cb) => {
    const fake = folioFake({ users: 30, password: FOLIO_PASSWORD })
    const client = use(fake.handlers, folio({ url: 'https://folio.test', tenant: 'diku', username: 'diku_admin', password: FOLIO_PASSWORD, retry: false }))
    return folioGetAll(client, '/users', 'users', { limit: 10, onProgress: cb })
  },
  'Salesforce query onProgress': (cb) => query(sf(), 'SELECT Id, Name FROM Account', { onProgress: cb }),
  'Salesforce insertRecords onProgress': (cb) =>
    insertRecords(sf(), 'Account', [{ Name: 'A' }, { Name: 'B' }, { Name: 'C' }], { batchSize: 1, onProgress: cb }),
  'Salesforce fetchRecords onChunk': async (cb) => {
    const client = sf()
    const ids = (await insertRecords(client, 'Account', [{ Name: 'A' }, { Name: 'B' }])).map((r) => r.id ?? '')
    return fetchRecords(client, 'Account', ids, { fields: ['Id', 'Name'], batchSize: 1, onChunk: cb })
  },
  'Salesforce bulkIngest onProgress': (cb) =>
    bulkIngest(sf(), { object: 'Account', operation: 'insert', records: [{ Name: 'A' }] }, { ...fastJob, onProgress: cb }),
  'Salesforce bulkQuery onProgress': (cb) => bulkQuery(sf(), 'SELECT Id FROM Account', { ...fastJob, onProgress: cb }),
  'Salesforce bulkQuery onPage': (cb) => bulkQuery(sf(), 'SELECT Id FROM Account', { ...fastJob, onPage: cb }),
  'Workiva list onProgress': (cb) => {
    const fake = workivaFake({ retryAfter: 0 })
    return getFiles(use(fake.handlers, workiva({ clientId: 'workiva-client', clientSecret: 'workiva-secret', baseURLs: workivaFakeBaseURLs('https://workiva.test'), retry: false })), { maxpagesize: 2 }, { onProgress: cb })
  },
  'Workiva wait onProgress': async (cb) => {
    const fake = workivaFake({ retryAfter: 0 })
    const client = use(fake.handlers, workiva({ clientId: 'workiva-client', clientSecret: 'workiva-secret', baseURLs: workivaFakeBaseURLs('https://workiva.test'), retry: false }))
    const accepted = await copyFile(client, { fileId: 'file-001', body: { destinationContainer: 'folder-1' } })
    return workivaWait(client, accepted, { interval: 5, minInterval: 5, onProgress: cb }).result()
  },
  'Workiva { wait: { onProgress } }': (cb) => {
    const fake = workivaFake({ retryAfter: 0 })
    const client = use(fake.handlers, workiva({ clientId: 'workiva-client', clientSecret: 'workiva-secret', baseURLs: workivaFakeBaseURLs('https://workiva.test'), retry: false }))
    return copyFile(client, { fileId: 'file-001', body: { destinationContainer: 'folder-1' } }, { wait: { interval: 5, minInterval: 5, onProgress: cb } })
  },
  'Bloom Growth createTodos onProgress': (cb) => {
    const fake = bloomyFake()
    const client = use(fake.handlers, bloomy({ apiKey: fake.apiKey, baseURL: 'https://bloom.test/api/v1', retry: false }))
    return createTodos(client, [{ title: 'one' }, { title: 'two' }, { title: 'three' }], { concurrency: 1, onProgress: cb })
  },
}

const kinds = {
  throws: (error: Error) => () => {
    throw error
  },
  'returns a rejected promise': (error: Error) => async () => {
    throw error
  },
  'rejects later': (error: Error) => () => new Promise((_, reject) => setTimeout(() => reject(error), 5)),
}

describe('a failing callback is the call’s rejection, never an unhandled one', () => {
  for (const [name, run] of Object.entries(cases)) {
    for (const [kind, make] of Object.entries(kinds)) {
      it(`${name}: a callback that ${kind}`, async () => {
        const boom = new Error(`callback failed (${name}, ${kind})`)
        await expect(Promise.resolve(run(make(boom) as Callback))).rejects.toBe(boom)
        await new Promise((resolve) => setTimeout(resolve, 30))
        expect(unhandled).toEqual([])
      })
    }
  }
})

describe('async callbacks are awaited', () => {
  it('paginate waits for an async onProgress before fetching the next page', async () => {
    const events: string[] = []
    const items = await paginate<number, number>(
      async (n = 0) => {
        events.push(`fetch ${n}`)
        return { items: [n], next: n < 2 ? n + 1 : undefined }
      },
      {
        onProgress: async (p) => {
          await new Promise((resolve) => setTimeout(resolve, 5))
          events.push(`progress ${p.pages}`)
        },
      },
    )
    expect(items).toEqual([0, 1, 2])
    expect(events).toEqual(['fetch 0', 'progress 1', 'fetch 1', 'progress 2', 'fetch 2', 'progress 3'])
  })

  it('Salesforce insertRecords: a failing onProgress stops the batches not yet sent', async () => {
    const fake = salesforceFake()
    const client = use(fake.handlers, salesforce({ loginUrl: 'https://login.sf.test', username: fake.username, password: fake.password, securityToken: fake.securityToken, retry: false }))
    const boom = new Error('stop')
    const records = Array.from({ length: 5 }, (_, i) => ({ Name: `R${i}` }))
    await expect(insertRecords(client, 'Account', records, { batchSize: 1, onProgress: () => Promise.reject(boom) })).rejects.toBe(boom)
    const after = await query(client, 'SELECT Id FROM Account WHERE Name LIKE \'R%\'')
    expect(after).toHaveLength(1)
  })
})

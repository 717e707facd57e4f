// Finding 8: a JSON key written `"\u005f_proto__"` (the escape the literal-text guard missed)
// changes no prototype: not of an error body, not of a record `reloadRecord` refreshes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpError, createClient } from '../../src/index.js'
import { reloadRecord, salesforce } from '../../src/salesforce/index.js'
import { startServer, within, type TestServer } from './_servers.js'

// The text on the wire holds a backslash-u escape, not the literal key.
const ESCAPED = '"\\u005f_proto__": {"polluted": true}'

let api: TestServer
beforeAll(async () => {
  api = await startServer({
    handler: (req, res) => {
      if (req.path.startsWith('/error')) return res.writeHead(400, { 'content-type': 'application/json' }).end(`{"message": "bad", ${ESCAPED}}`)
      if (req.path.includes('/sobjects/Account/')) {
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(`{"attributes": {"type": "Account", "url": "/services/data/v63.0/sobjects/Account/001000000000001AAA"}, "Id": "001000000000001AAA", "Name": "Fresh", ${ESCAPED}}`)
      }
      res.writeHead(404).end()
    },
  })
})
afterAll(() => api?.close())

describe('finding 8: prototype', () => {
  it('an error body keeps Object.prototype and gains no "polluted"', async () => {
    const client = createClient({ baseURL: api.origin, retry: false })
    const error = await within(client.request({ path: '/error' }), 5_000).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    const body = (error as HttpError).body as Record<string, unknown>
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype)
    expect(body.polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reloadRecord with validate: false keeps the caller’s record prototype', async () => {
    await using sf = salesforce({ instanceUrl: api.origin, accessToken: 'proto-access-TOKEN-1', apiVersion: '63.0', validate: false, retry: false })
    const record: Record<string, unknown> = { attributes: { type: 'Account' }, Id: '001000000000001AAA', Name: 'Stale' }
    await within(reloadRecord(sf, record as never), 5_000)
    expect(record.Name).toBe('Fresh')
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
    expect(record.polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

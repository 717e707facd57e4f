// Over a real loopback socket (kept apart from the msw in-process tests, which would intercept it).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { downloadFile, fetchRecord, insertRecords, salesforce, type SalesforceClient } from '../../src/salesforce/index.js'
import { salesforceFake } from '../../src/testing/salesforce/index.js'
import { serve, type ServedFake } from '../../src/testing/serve.js'

const fake = salesforceFake()
let server: ServedFake
let sf: SalesforceClient

beforeAll(async () => {
  server = await serve(fake.handlers)
  sf = salesforce({ loginUrl: server.url, username: fake.username, password: fake.password, securityToken: fake.securityToken })
})
afterAll(async () => {
  await sf?.close()
  await server?.close()
})

test('a 5 MB file streamed over HTTP, the client usable afterwards', async () => {
  const file = fake.addFile(5 * 1024 * 1024)
  const stream = await downloadFile(sf, 'ContentVersion', file.id, 'VersionData')
  let total = 0
  let chunks = 0
  let same = true
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] !== file.bytes[total + i]) same = false
    total += chunk.length
    chunks++
  }
  expect(total).toBe(5 * 1024 * 1024)
  expect(same).toBe(true)
  expect(chunks).toBeGreaterThan(1)
  const [result] = await insertRecords(sf, 'Account', [{ Name: 'over the socket' }])
  expect((await fetchRecord(sf, 'Account', result!.id!)).Name).toBe('over the socket')
  expect(sf.apiUsage?.used).toBeGreaterThanOrEqual(3)
})

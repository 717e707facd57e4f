/**
 * sf_toolkit's async guide, "Performance Comparison", with isosdk: fetch 100 accounts one by one,
 * then with 10 requests in flight — against the Salesforce fake served on 127.0.0.1 with 50 ms
 * of latency per answer, so the difference is the round trips saved.
 *
 *   npm run build && npx tsx examples/salesforce.ts
 *
 * Point it at a real org by setting SF_LOGIN_URL (optional), SF_USERNAME, SF_PASSWORD and
 * SF_SECURITY_TOKEN; it then reads the first 100 accounts instead of seeding them.
 */
import { mapConcurrent } from 'isosdk'
import { fetchRecord, fetchRecords, insertRecords, query, salesforce, sobject } from 'isosdk/salesforce'
import { salesforceFake, serve } from 'isosdk/testing'
import * as v from 'valibot'

const COUNT = 100
const LATENCY = 50

const Account = sobject('Account', { Name: v.string(), Industry: v.nullish(v.string()) })

const live = process.env.SF_USERNAME !== undefined
const fake = live ? undefined : salesforceFake({ latency: LATENCY })
const server = fake ? await serve(fake.handlers) : undefined

const sf = salesforce({
  loginUrl: process.env.SF_LOGIN_URL ?? server?.url ?? 'https://login.salesforce.com',
  username: process.env.SF_USERNAME ?? fake!.username,
  password: process.env.SF_PASSWORD ?? fake!.password,
  securityToken: process.env.SF_SECURITY_TOKEN ?? fake!.securityToken,
})

/** Runs `work`, returning its result, the seconds it took and the most requests the fake saw at once. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; inFlight: number | undefined }> {
  if (fake) fake.state.maxInFlight = 0
  const started = performance.now()
  const value = await work()
  return { value, seconds: (performance.now() - started) / 1000, inFlight: fake?.state.maxInFlight }
}

try {
  // Seed (or find) the accounts; this also logs in and picks the API version, outside the timings.
  let ids: string[]
  if (fake) {
    const seeded = await insertRecords(sf, Account, Array.from({ length: COUNT }, (_, i) => ({ Name: `Account ${i + 1}`, Industry: i % 2 ? 'Energy' : 'Media' })))
    ids = seeded.map((r) => r.id!)
  } else {
    ids = (await query(sf, `SELECT Id FROM Account ORDER BY CreatedDate LIMIT ${COUNT}`)).map((r) => r.Id)
  }
  console.log(`${ids.length} accounts${fake ? `, ${LATENCY} ms per answer` : ''}`)

  // "Synchronous": one request after the other (fetch(Account, id) in a loop).
  const oneByOne = await timed(async () => {
    const accounts = []
    for (const id of ids) accounts.push(await fetchRecord(sf, Account, id))
    return accounts
  })

  // "Asynchronous": fetch_list_async(concurrency=10) — composite retrieves of 10 ids, 10 in flight.
  const concurrent = await timed(() => fetchRecords(sf, Account, ids, { batchSize: 10, concurrency: 10 }))

  // The same single-record calls, 10 in flight (asyncio.gather with a semaphore).
  const gathered = await timed(() => mapConcurrent(ids, (id, _i, signal) => fetchRecord(sf, Account, id, { signal }), { concurrency: 10 }))

  // What isosdk does by default: one composite request for up to 2,000 ids.
  const batched = await timed(() => fetchRecords(sf, Account, ids))

  const inFlight = (r: { inFlight: number | undefined }) => (r.inFlight === undefined ? '' : `, max ${r.inFlight} in flight`)
  console.log(`One by one:                          ${oneByOne.seconds.toFixed(2)} s (${ids.length} requests${inFlight(oneByOne)})`)
  console.log(`fetchRecords, concurrency 10:        ${concurrent.seconds.toFixed(2)} s (${Math.ceil(ids.length / 10)} requests${inFlight(concurrent)})`)
  console.log(`fetchRecord via mapConcurrent(10):   ${gathered.seconds.toFixed(2)} s (${ids.length} requests${inFlight(gathered)})`)
  console.log(`fetchRecords, one request:           ${batched.seconds.toFixed(2)} s (1 request)`)
  console.log(`Speedup: ${(oneByOne.seconds / concurrent.seconds).toFixed(1)}x with concurrency 10, ${(oneByOne.seconds / batched.seconds).toFixed(1)}x batched`)
  console.log(`API usage: ${sf.apiUsage ? `${sf.apiUsage.used}/${sf.apiUsage.limit}` : 'unknown'}`)

  const names = (rows: ({ Name: string } | null)[]) => rows.map((r) => r?.Name).join('|')
  const same = [concurrent, gathered, batched].every((r) => names(r.value) === names(oneByOne.value))
  const bounded = [concurrent, gathered].every((r) => r.inFlight === undefined || r.inFlight <= 10)
  const faster = oneByOne.seconds > concurrent.seconds
  console.log(`Same ${ids.length} accounts every way: ${same ? 'yes' : 'NO'}; at most 10 in flight: ${bounded ? 'yes' : 'NO'}`)
  if (!same || !bounded || !faster) process.exitCode = 1
} finally {
  await sf.close()
  await server?.close()
}

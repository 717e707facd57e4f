/**
 * FolioClient's async guide, batch example, with isosdk: every user, then each user's loans
 * with at most 10 calls in flight — against the FOLIO fake served on 127.0.0.1.
 *
 *   npm run build && npx tsx examples/folio.ts
 *
 * Point it at a real FOLIO by setting FOLIO_URL, FOLIO_TENANT, FOLIO_USERNAME and FOLIO_PASSWORD
 * (retry settings come from the FOLIOCLIENT_* variables, read when the client is created).
 */
import { mapConcurrent } from 'isosdk'
import { cql, folio, folioGet, folioGetAll } from 'isosdk/folio'
import { folioFake, serve } from 'isosdk/testing'

interface User {
  id: string
  username: string
}
interface Loan {
  id: string
  userId: string
}

const USERS = 500
const live = process.env.FOLIO_URL !== undefined
const fake = live ? undefined : folioFake({ users: USERS })
const server = fake ? await serve(fake.handlers) : undefined

const client = folio({
  url: process.env.FOLIO_URL ?? server!.url,
  tenant: process.env.FOLIO_TENANT ?? 'diku',
  username: process.env.FOLIO_USERNAME ?? 'diku_admin',
  password: process.env.FOLIO_PASSWORD ?? 'admin',
  env: process.env,
})

const started = Date.now()
try {
  // Concurrent operations: three calls at once (asyncio.gather in the guide).
  const [groups, locations, total] = await Promise.all([
    folioGet<unknown[]>(client, '/groups', 'usergroups', { params: { limit: 1000 } }),
    folioGet<unknown[]>(client, '/locations', 'locations', { params: { limit: 1000 } }),
    folioGet<number>(client, '/users', 'totalRecords', { params: { limit: 0 } }),
  ])
  console.log(`FOLIO at ${client.baseURL}: ${total} users, ${groups.length} groups, ${locations.length} locations`)

  // All users, paged by id (constant memory if iterated with for await; here we keep them for the batch).
  const users = await folioGetAll<User>(client, '/users', 'users', {
    limit: 200,
    onProgress: ({ pages, items, total }) => console.log(`  users: page ${pages}, ${items}/${total ?? '?'}`),
  })

  // Each user's loans, at most 10 calls in flight; settle: true keeps every success and every failure.
  let inFlight = 0
  let maxInFlight = 0
  let lastReported = 0
  const outcomes = await mapConcurrent(
    users,
    async (user, _index, signal) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      try {
        const loans = await folioGet<Loan[]>(client, '/circulation/loans', 'loans', {
          query: cql`userId==${user.id}`,
          params: { limit: 1000 },
          signal,
        })
        return { user: user.username, loanCount: loans.length }
      } finally {
        inFlight--
      }
    },
    {
      concurrency: 10,
      settle: true,
      onProgress: ({ done, total, failed }) => {
        if (done === total || done - lastReported >= total / 10) {
          lastReported = done
          console.log(`  loans: ${done}/${total} users processed, ${failed} failed`)
        }
      },
    },
  )

  const ok = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
  const failed = outcomes.filter((o) => o.status === 'rejected')
  const loans = ok.reduce((sum, r) => sum + r.loanCount, 0)
  const busiest = ok.reduce((a, b) => (b.loanCount > a.loanCount ? b : a), { user: '-', loanCount: 0 })
  console.log(`Processed ${ok.length} users (${failed.length} failed): ${loans} open loans; most: ${busiest.user} (${busiest.loanCount})`)
  console.log(`Max loan calls in flight: ${maxInFlight}; ${((Date.now() - started) / 1000).toFixed(1)} s`)
  for (const f of failed.slice(0, 5)) console.error(`  failed: ${String((f as { reason: unknown }).reason)}`)

  if (fake) {
    const expected = fake.state.tenants.get('diku')!.collections.loans.records.size
    const consistent = users.length === USERS && loans === expected && failed.length === 0 && maxInFlight <= 10
    console.log(`Fake: ${fake.stats.requests} requests, ${fake.stats.logins} login(s); loans expected ${expected}: ${consistent ? 'OK' : 'MISMATCH'}`)
    if (!consistent) process.exitCode = 1
  } else if (failed.length > 0) process.exitCode = 1
} finally {
  await client.close()
  await server?.close()
}

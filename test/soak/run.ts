/**
 * Runs one service's soak: its fake served on 127.0.0.1 behind fault injection, credentials
 * expired on a timer, a bounded number of mixed calls at a bounded concurrency, and a report of
 * what came back, what the fake holds and what was recorded.
 */
import { IsoSdkError, mapConcurrent, type Settled } from '../../src/index.js'
import { createFaults, expireEvery, serve, type FaultStats } from '../../src/testing/index.js'
import { kindOf, marker, WrongResult, type Kind, type ServicePlan } from './plan.js'
import { peekingFetch, SecretBag, Transcript } from './secrets.js'

export interface SoakOptions {
  /** Calls per service. */
  calls: number
  /** Calls in flight (mapConcurrent) and the client's `concurrency`. */
  concurrency: number
  /** Fault handler latency range, ms. */
  latency: [number, number]
  /** Credential expiry period, ms (services with logins or tokens only). */
  expiryMs: number
  seed: number
  /** Hard stop: calls not finished by then are aborted (and reported). */
  watchdogMs: number
}

export interface ServiceReport {
  service: string
  calls: number
  wallMs: number
  fulfilled: number
  /** Rejections by error class (`error.name`), and by kind of call. */
  failures: Record<string, number>
  failedByKind: Record<Kind, number>
  /** Outcomes missing, or rejected with something that is not an `IsoSdkError` (samples). */
  lost: { index: number; kind: Kind; reason: string }[]
  /** Calls that resolved with the wrong value. */
  wrong: string[]
  faults: FaultStats
  /** `onRetry` calls, in all and by the class of the error retried. */
  retries: number
  retriesBy: Record<string, number>
  rateLimitPauses: number
  creates: {
    attempted: number
    succeeded: number
    /** Distinct markers in the fake's state. */
    stored: number
    /** Markers stored more than once. */
    duplicated: string[]
    /** Successful creates whose marker the fake does not hold. */
    missing: string[]
    /** Failed creates whose marker the fake holds anyway (the answer was lost, the write was not). */
    appliedDespiteError: number
  }
  /** Token / login exchanges the fake counted, and how often its credentials were expired. */
  logins: number
  expiries: number
  /** Requests the fake answered (faulted requests never reach it). */
  fakeRequests: number
  /** Credentials issued during the run that the fetch wrapper saw, and the recorded texts that contain any credential. */
  issuedSeen: number
  secretsChecked: number
  textsChecked: number
  leaks: { text: string; secrets: string[] }[]
}

/** Runs the soak of one service and reports; never throws for a failed call (that is what the report is for). */
export async function soakService(plan: ServicePlan, options: SoakOptions): Promise<ServiceReport> {
  const faults = createFaults({
    serverErrorRate: 0.1,
    dropRate: 0.02,
    rateLimitRate: 0.01,
    retryAfter: 1,
    latency: options.latency,
    seed: options.seed,
  })
  const server = await serve([...faults.handlers, ...plan.fake.handlers])
  let expiries = 0
  const expiry = plan.expires
    ? expireEvery({ expireCredentials: () => (expiries++, plan.fake.expireCredentials()) }, options.expiryMs)
    : undefined
  const bag = new SecretBag()
  const transcript = new Transcript()
  const client = plan.client(server.url, { concurrency: options.concurrency, hooks: transcript.hooks(), fetch: peekingFetch(bag) })
  const watchdog = AbortSignal.timeout(options.watchdogMs)
  const indices = Array.from({ length: options.calls }, (_, i) => i)
  const started = performance.now()
  let outcomes: Settled<void>[]
  try {
    outcomes = await mapConcurrent(indices, (i, _index, signal) => plan.call(client, kindOf(i), i, signal), {
      concurrency: options.concurrency,
      settle: true,
      signal: watchdog,
    })
  } finally {
    expiry?.stop()
    await client.close()
    await server.close()
  }
  const wallMs = performance.now() - started

  const report: ServiceReport = {
    service: plan.service,
    calls: options.calls,
    wallMs,
    fulfilled: 0,
    failures: {},
    failedByKind: { get: 0, list: 0, create: 0, update: 0 },
    lost: [],
    wrong: [],
    faults: { ...faults.stats },
    retries: transcript.counts.onRetry,
    retriesBy: Object.fromEntries(transcript.retriesBy),
    rateLimitPauses: transcript.counts.onRateLimit,
    creates: { attempted: 0, succeeded: 0, stored: 0, duplicated: [], missing: [], appliedDespiteError: 0 },
    logins: plan.fake.stats.logins,
    expiries,
    fakeRequests: plan.fake.stats.requests,
    issuedSeen: bag.issued.size,
    secretsChecked: 0,
    textsChecked: 0,
    leaks: [],
  }

  const stored = new Map<string, number>()
  for (const name of plan.markers()) stored.set(name, (stored.get(name) ?? 0) + 1)
  report.creates.stored = stored.size
  report.creates.duplicated = [...stored].filter(([, n]) => n > 1).map(([name, n]) => `${name} ×${n}`)

  for (const i of indices) {
    const kind = kindOf(i)
    const outcome = outcomes[i]
    if (kind === 'create') report.creates.attempted++
    if (outcome === undefined) {
      report.lost.push({ index: i, kind, reason: 'no outcome' })
      continue
    }
    if (outcome.status === 'fulfilled') {
      report.fulfilled++
      if (kind === 'create') {
        report.creates.succeeded++
        if (!stored.has(marker(plan.service, i))) report.creates.missing.push(marker(plan.service, i))
      }
      continue
    }
    const error = outcome.reason
    transcript.error(error)
    if (error instanceof WrongResult) {
      report.wrong.push(error.message)
    } else if (error instanceof IsoSdkError) {
      report.failures[error.name] = (report.failures[error.name] ?? 0) + 1
      report.failedByKind[kind]++
      if (kind === 'create' && stored.has(marker(plan.service, i))) report.creates.appliedDespiteError++
    } else {
      report.lost.push({ index: i, kind, reason: describe(error) })
    }
  }

  for (const secret of [...plan.staticSecrets, ...plan.issuedSecrets()]) bag.add(secret)
  report.secretsChecked = bag.values.size
  report.textsChecked = transcript.texts.length
  report.leaks = transcript.leaks(bag).slice(0, 20)
  return report
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`.slice(0, 300)
  return `non-error: ${String(error)}`.slice(0, 300)
}

/** What the soak needs to know about one service: its fake, its client, its call mix and where its markers live. */
import type { ClientOptions } from '../../src/index.js'
import type { Fake } from '../../src/testing/index.js'

/** The kinds of call in the mix. */
export type Kind = 'get' | 'list' | 'create' | 'update'

/** 60 % reads of one record, 15 % short lists, 20 % creates with a unique marker, 5 % idempotent updates. */
export function kindOf(i: number): Kind {
  const r = i % 20
  return r < 4 ? 'create' : r === 4 ? 'update' : r < 8 ? 'list' : 'get'
}

/** The marker a create with index `i` writes (title / name / username) to the fake. */
export function marker(service: string, i: number): string {
  return `soak-${service}-${i}`
}

/** A call that resolved with something other than what was asked for: counted apart, never allowed. */
export class WrongResult extends Error {
  override name = 'WrongResult'
}

/** Throws a {@link WrongResult} unless `ok`. */
export function expectResult(ok: boolean, what: string): void {
  if (!ok) throw new WrongResult(what)
}

/** The client options the soak gives every service (hooks, fetch, concurrency). */
export type CommonOptions = Pick<ClientOptions, 'hooks' | 'fetch' | 'concurrency'>

export interface Closable {
  close(): Promise<void>
}

export interface ServicePlan<C extends Closable = Closable> {
  readonly service: string
  readonly fake: Fake<unknown>
  /** Whether the service's credentials expire (tokens, sessions); API-key services never do. */
  readonly expires: boolean
  /** Credentials given to the SDK (keys, passwords, security tokens, client secrets). */
  readonly staticSecrets: string[]
  client(url: string, options: CommonOptions): C
  /** One call of the mix; resolves with nothing (a wrong value throws {@link WrongResult}). */
  call(client: C, kind: Kind, i: number, signal: AbortSignal): Promise<void>
  /** Every marker now in the fake's state (one entry per record, duplicates included). */
  markers(): string[]
  /** Credentials the fake's state holds now (issued tokens, session ids), if it exposes them. */
  issuedSecrets(): string[]
}

/** Gives a plan its client type while storing plans side by side. */
export function plan<C extends Closable>(p: ServicePlan<C>): ServicePlan {
  return p as unknown as ServicePlan
}

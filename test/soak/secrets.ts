/**
 * Everything the soak run could leak, and everything it must not leak into.
 *
 * - `SecretBag` collects credentials: the static ones a test passes to the SDK (keys, passwords,
 *   security tokens, client secrets) and the ones the fakes issue (tokens, session ids), peeked
 *   from the token/login answers by a `fetch` wrapper given to the client as its `fetch` option
 *   (the SDK's requests still go out unchanged).
 * - `Transcript` records every hook payload and every error as text, the way a user would log
 *   them: `message`, `String(error)`, `JSON.stringify(error)` and `util.inspect(error, { depth: 5 })`.
 */
import { inspect } from 'node:util'
import type { Hooks } from '../../src/index.js'

/** Credentials seen or given during a run (values shorter than 6 characters are refused: they would match ordinary words). */
export class SecretBag {
  readonly values = new Set<string>()
  /** Issued credentials peeked from token/login answers (a subset of `values`). */
  readonly issued = new Set<string>()

  add(value: string | undefined | null, issued = false): void {
    if (!value) return
    if (value.length < 6) throw new Error(`soak: secret ${JSON.stringify(value)} is too short to grep for; use a longer one`)
    this.values.add(value)
    if (issued) this.issued.add(value)
  }

  /** The secrets `text` contains. */
  foundIn(text: string): string[] {
    const found: string[] = []
    for (const secret of this.values) if (text.includes(secret)) found.push(secret)
    return found
  }
}

const TOKEN_PATHS = /\/(?:oauth2\/token|services\/Soap\/u\/|authn\/)/

/**
 * A `fetch` for the client's `fetch` option that passes every request through to the global
 * `fetch` and, for token and login exchanges, adds what they issued to `bag`: OAuth
 * `access_token`s, SOAP `sessionId`s, FOLIO's `folioAccessToken` / `folioRefreshToken` cookies
 * and `x-okapi-token` headers. The response is returned as is (a clone is read).
 */
export function peekingFetch(bag: SecretBag): typeof fetch {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init)
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (TOKEN_PATHS.test(url)) {
      for (const cookie of response.headers.getSetCookie()) {
        const match = /^(?:folioAccessToken|folioRefreshToken)=([^;]+)/.exec(cookie)
        if (match?.[1]) bag.add(match[1], true)
      }
      bag.add(response.headers.get('x-okapi-token'), true)
      const text = await response.clone().text().catch(() => '')
      for (const match of text.matchAll(/"access_token"\s*:\s*"([^"]+)"|<sessionId>([^<]+)<\/sessionId>/g)) bag.add(match[1] ?? match[2], true)
    }
    return response
  }
}

/** Every way a user could print an error. */
export function errorTexts(error: unknown): string[] {
  const out = [String(error), inspect(error, { depth: 5 })]
  if (error instanceof Error) out.push(error.message)
  try {
    out.push(JSON.stringify(error) ?? '')
  } catch (cause) {
    out.push(`JSON.stringify threw: ${String(cause)}`)
  }
  return out
}

/** Hook payloads and errors of a run, as text. */
export class Transcript {
  readonly texts: string[] = []
  readonly counts = { onRequest: 0, onResponse: 0, onRetry: 0, onError: 0, onRateLimit: 0, errors: 0 }
  /** Retries by the class of the error that caused them. */
  readonly retriesBy = new Map<string, number>()

  private payload(hook: keyof Hooks, value: object): void {
    this.counts[hook]++
    this.texts.push(`${hook} ${inspect(value, { depth: 5 })}`, JSON.stringify(value))
  }

  /** Hooks that record every payload (to pass as the client's `hooks`). */
  hooks(): Required<Hooks> {
    return {
      onRequest: (info) => this.payload('onRequest', info),
      onResponse: (info) => this.payload('onResponse', info),
      onRetry: (info) => {
        this.retriesBy.set(info.error.name, (this.retriesBy.get(info.error.name) ?? 0) + 1)
        this.payload('onRetry', info)
        this.texts.push(...errorTexts(info.error))
      },
      onError: (info) => {
        this.payload('onError', info)
        this.texts.push(...errorTexts(info.error))
      },
      onRateLimit: (info) => this.payload('onRateLimit', info),
    }
  }

  error(error: unknown): void {
    this.counts.errors++
    this.texts.push(...errorTexts(error))
  }

  /** Each recorded text that holds a secret, with the secrets it holds (empty: nothing leaked). */
  leaks(bag: SecretBag): { text: string; secrets: string[] }[] {
    const leaks: { text: string; secrets: string[] }[] = []
    for (const text of this.texts) {
      const secrets = bag.foundIn(text)
      if (secrets.length > 0) leaks.push({ text: text.slice(0, 500), secrets })
    }
    return leaks
  }
}

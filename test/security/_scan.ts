// The secret scan: every secret, in every form a leak takes (raw, URL-encoded, form-encoded,
// JSON-escaped, base64), searched in everything a caller can see of a failed call.
import { inspect } from 'node:util'
import { expect } from 'vitest'
import { IsoSdkError, UntrustedOriginError, type Hooks } from '../../src/index.js'

/** The forms of a secret that a leak may take. */
export function secretForms(secret: string): { form: string; text: string }[] {
  const forms = [
    { form: 'raw', text: secret },
    { form: 'encodeURIComponent', text: encodeURIComponent(secret) },
    { form: 'form-encoded', text: new URLSearchParams({ s: secret }).toString().slice(2) },
    { form: 'JSON-escaped', text: JSON.stringify(secret).slice(1, -1) },
    { form: 'base64', text: Buffer.from(secret, 'utf8').toString('base64') },
  ]
  const seen = new Set<string>()
  return forms.filter((f) => f.text !== '' && !seen.has(f.text) && seen.add(f.text))
}

/** Where a caller can see text: labelled places. */
export type Place = { where: string; text: string }

function safe(what: () => string): string {
  try {
    return what()
  } catch (error) {
    return `<${String(error)}>`
  }
}

/** Every view of an error: message, stack, inspect, JSON, each own enumerable field, and the same for every `cause`. */
export function errorPlaces(error: unknown, label = 'error', depth = 0): Place[] {
  if (depth > 8) return []
  if (error === null || error === undefined) return []
  if (typeof error !== 'object') return [{ where: label, text: String(error) }]
  const e = error as Record<string, unknown> & { message?: unknown; stack?: unknown; cause?: unknown }
  const places: Place[] = [
    { where: `${label}.message`, text: String(e.message ?? '') },
    { where: `${label}.stack`, text: String(e.stack ?? '') },
    { where: `inspect(${label})`, text: safe(() => inspect(error, { depth: 10, showHidden: true })) },
    { where: `JSON.stringify(${label})`, text: safe(() => JSON.stringify(error) ?? '') },
  ]
  for (const key of Object.keys(e)) {
    const value = e[key]
    places.push({ where: `${label}.${key}`, text: typeof value === 'string' ? value : safe(() => JSON.stringify(value) ?? String(value)) })
  }
  if (e.cause !== undefined) places.push(...errorPlaces(e.cause, `${label}.cause`, depth + 1))
  return places
}

/** The findings: each secret form seen in a place. Empty = clean. */
export function findSecrets(secrets: readonly string[], places: readonly Place[]): string[] {
  const found: string[] = []
  for (const secret of secrets) {
    for (const { form, text } of secretForms(secret)) {
      for (const place of places) if (place.text.includes(text)) found.push(`${form} form of ${JSON.stringify(secret)} in ${place.where}`)
    }
  }
  return found
}

/** Hooks that keep every payload (as inspected text, errors included), for the scan. */
export function recordingHooks(): { hooks: Hooks; places: Place[] } {
  const places: Place[] = []
  const keep = (name: string) => (info: unknown) => {
    places.push({ where: `hooks.${name}`, text: safe(() => inspect(info, { depth: 10, showHidden: true })) })
    const error = (info as { error?: unknown }).error
    if (error !== undefined) places.push(...errorPlaces(error, `hooks.${name}.error`))
  }
  return {
    hooks: { onRequest: keep('onRequest'), onResponse: keep('onResponse'), onRetry: keep('onRetry'), onError: keep('onError') },
    places,
  }
}

/** Captures console output (every method) until `restore()`; what was printed is in `places()`. */
export function captureConsole(): { places(): Place[]; restore(): void } {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const
  const saved = methods.map((m) => [m, console[m]] as const)
  const lines: string[] = []
  for (const m of methods) console[m] = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '))
  return {
    places: () => lines.map((text) => ({ where: 'console', text })),
    restore() {
      for (const [m, fn] of saved) console[m] = fn
    },
  }
}

/**
 * Runs a call that must fail, with console captured; returns its error. The caller then scans the
 * error, the hook payloads and the console output.
 */
export async function failingCall(run: () => unknown): Promise<{ error: unknown; console: Place[] }> {
  const captured = captureConsole()
  try {
    await run()
  } catch (error) {
    return { error, console: captured.places() }
  } finally {
    captured.restore()
  }
  throw new Error('expected the call to fail, it succeeded')
}

/** Asserts no form of any secret in the error (and its causes), hook payloads and console output. */
export function expectNoSecrets(secrets: readonly string[], sources: { error?: unknown; hooks?: readonly Place[]; console?: readonly Place[] }): void {
  const places = [...(sources.error === undefined ? [] : errorPlaces(sources.error)), ...(sources.hooks ?? []), ...(sources.console ?? [])]
  expect(findSecrets(secrets, places)).toEqual([])
}

/**
 * The refusal the credential door gives: `UntrustedOriginError` (an `IsoSdkError`) whose message
 * names both origins and whose `from` / `to` are those origins. `from` may list
 * the origins that can count as the source (a server-given link came from the instance, resolved
 * against the base URL): any one of them.
 */
export function expectUntrusted(error: unknown, from: string | readonly string[], to: string): void {
  expect(error).toBeInstanceOf(IsoSdkError)
  expect((error as Error).name).toBe('UntrustedOriginError')
  expect(error).toBeInstanceOf(UntrustedOriginError)
  const message = (error as Error).message
  const fromOrigins = (typeof from === 'string' ? [from] : from).map((f) => new URL(f).origin)
  const toOrigin = new URL(to).origin
  expect(message).toContain(toOrigin)
  expect(fromOrigins.some((f) => message.includes(f)), `message names one of ${fromOrigins.join(', ')}: ${message}`).toBe(true)
  const fields = error as { from?: unknown; to?: unknown }
  expect(fromOrigins).toContain(fields.from)
  expect(fields.to).toBe(toOrigin)
}

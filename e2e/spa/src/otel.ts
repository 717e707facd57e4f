/**
 * The SPA's `isosdk/otel` section, loaded on demand: the smoke script's otel check (a call span
 * and its attempt span from `otel()`, on `@opentelemetry/api` alone) run in the browser.
 */
// Named imports, not namespaces: a namespace would keep all of the core in the chunk the page loads up front.
import { createClient } from 'isosdk'
import { apiKey } from 'isosdk/auth'
import { otel } from 'isosdk/otel'
import * as api from '@opentelemetry/api'
import { checkOtel } from '../../../examples/smoke.js'

export async function runOtelCheck(apiURL: string): Promise<string> {
  await checkOtel({ core: { createClient }, auth: { apiKey } }, { otel, api }, apiURL)
  return 'otel() spans: ok'
}

import { setupServer } from 'msw/node'
import type { RequestHandler } from 'msw'
import { workivaFakeBaseURLs } from '../../src/testing/workiva/index.js'
import { workiva, type WorkivaClient, type WorkivaOptions } from '../../src/workiva/index.js'

export const ORIGIN = 'https://workiva.test'
export const CLIENT = { clientId: 'workiva-client', clientSecret: 'workiva-secret' }

/** One request as it left the client. */
export interface Seen {
  method: string
  url: string
  headers: Headers
}

/** An msw server for `handlers` that also records every request's method, URL and headers. */
export function recordingServer(handlers: RequestHandler[]): { server: ReturnType<typeof setupServer>; seen: Seen[] } {
  const server = setupServer(...handlers)
  const seen: Seen[] = []
  server.events.on('request:start', ({ request }) => {
    seen.push({ method: request.method, url: request.url, headers: new Headers(request.headers) })
  })
  return { server, seen }
}

/** A preset client pointed at the fake on {@link ORIGIN}. */
export function fakeClient(options: Partial<WorkivaOptions> = {}): WorkivaClient {
  return workiva({ ...CLIENT, baseURLs: workivaFakeBaseURLs(ORIGIN), retry: false, ...options })
}

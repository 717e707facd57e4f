import type { setupServer } from 'msw/node'
import { folio, type FolioOptions } from '../../src/folio/index.js'
import { folioFake, type FolioFakeOptions } from '../../src/testing/folio/index.js'

type Server = ReturnType<typeof setupServer>

export const URL_BASE = 'https://folio.test'
export const PASSWORD = 'Adm1n-Passw0rd-Long'

/** A fresh fake mounted on the file's server (handlers replaced). */
export function mountFake(server: Server, options: FolioFakeOptions = {}) {
  const fake = folioFake({ users: 200, password: PASSWORD, ...options })
  server.resetHandlers(...fake.handlers)
  return fake
}

/** A client of the fake with fast, quiet defaults. */
export function client(options: Partial<FolioOptions> = {}) {
  return folio({ url: URL_BASE, tenant: 'diku', username: 'diku_admin', password: PASSWORD, retry: false, ...options })
}

export interface Sent {
  method: string
  url: URL
  headers: Headers
}

/** Records what goes on the wire (every request msw sees). */
export function recordWire(server: Server): { sent: Sent[]; stop(): void } {
  const sent: Sent[] = []
  const listener = ({ request }: { request: Request }) => {
    sent.push({ method: request.method, url: new URL(request.url), headers: new Headers(request.headers) })
  }
  server.events.on('request:start', listener)
  return { sent, stop: () => server.events.removeListener('request:start', listener) }
}

// The API the fleets call: a node:http server on 127.0.0.1 that allows `limit` requests per
// sliding second (arrival times) and answers 429 + Retry-After: 1 beyond, can answer one chosen
// request 429 + Retry-After: 1, and serves client-credentials tokens (counted, after a delay, so
// cold processes overlap).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

export interface Arrival {
  at: number
  who: string
  status: number
  /** When the answer was written. */
  done: number
}

export interface FleetApi {
  url: string
  arrivals: Arrival[]
  tokenRequests: number
  /** Epoch ms of the injected 429, if one was sent. */
  injectedAt: number | undefined
  /** Clears the log; `limit` per sliding second (Infinity: none); `inject429At`: the arrival index answered 429. */
  reset(options: { limit: number; inject429At?: number }): void
  close(): Promise<void>
}

export async function startFleetApi(): Promise<FleetApi> {
  let limit = Infinity
  let inject: number | undefined
  let accepted: number[] = []
  const state: FleetApi = {
    url: '',
    arrivals: [],
    tokenRequests: 0,
    injectedAt: undefined,
    reset(options) {
      limit = options.limit
      inject = options.inject429At
      accepted = []
      state.arrivals = []
      state.tokenRequests = 0
      state.injectedAt = undefined
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now()
    if (req.url === '/oauth/token') {
      state.tokenRequests++
      req.resume()
      setTimeout(() => send(res, 200, { access_token: `fleet-token-${state.tokenRequests}`, token_type: 'bearer', expires_in: 3600 }), 300)
      return
    }
    const who = String(req.headers['x-fleet-who'] ?? '?')
    const index = state.arrivals.length
    const arrival: Arrival = { at, who, status: 200, done: 0 }
    state.arrivals.push(arrival)
    while (accepted.length > 0 && accepted[0]! <= at - 1000) accepted.shift()
    if (index === inject) {
      arrival.status = 429
      state.injectedAt = at
    } else if (accepted.length >= limit) arrival.status = 429
    else accepted.push(at)
    arrival.done = Date.now()
    if (arrival.status === 429) send(res, 429, { error: 'rate limited' }, { 'retry-after': '1' })
    else send(res, 200, { ok: true })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  return state
}

/**
 * serve(): msw handlers over a real HTTP server on 127.0.0.1, exercised with real `fetch`
 * and `node:http`. No msw interception in this file (setupServer would catch 127.0.0.1 too).
 */
import { request as httpRequest, Agent, type IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { http, HttpResponse, passthrough, type RequestHandler } from 'msw'
import { serve, type ServedFake } from '../../src/testing/serve.js'
import { itemsFake } from './items-fake.js'

const servers: ServedFake[] = []
async function start(handlers: RequestHandler[], options?: Parameters<typeof serve>[1]): Promise<ServedFake> {
  const server = await serve(handlers, options)
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** Rejects if `promise` takes longer than `ms` (a generous bound, so a hang fails instead of timing out the file). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** One request through node:http, so the test controls the agent and sees raw headers. */
function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; agent?: Agent } = {},
): Promise<{ response: IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent: init.agent }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ response, body: Buffer.concat(chunks).toString('utf8') }))
      response.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('serve', () => {
  it('serves a stateful fake over 127.0.0.1 to real fetch', async () => {
    const fake = itemsFake()
    const server = await start(fake.handlers)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.port).toBeGreaterThan(0)

    const token = (await (await fetch(`${server.url}/token`, { method: 'POST' })).json()) as { access_token: string }
    const auth = { Authorization: `Bearer ${token.access_token}` }

    const created = await fetch(`${server.url}/items`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'first', tag: 'red' }),
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe(`${server.url}/items/1`)
    expect(await created.json()).toEqual({ id: 1, name: 'first', tag: 'red' })
    await fetch(`${server.url}/items`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'second', tag: 'blue' }),
    })

    const red = await fetch(`${server.url}/items?tag=red`, { headers: auth })
    expect(await red.json()).toEqual({ items: [{ id: 1, name: 'first', tag: 'red' }] })
    const one = await fetch(created.headers.get('location') as string, { headers: auth })
    expect(await one.json()).toEqual({ id: 1, name: 'first', tag: 'red' })

    expect((await fetch(`${server.url}/items/2`, { method: 'DELETE', headers: auth })).status).toBe(204)
    expect((await fetch(`${server.url}/items/2`, { headers: auth })).status).toBe(404)
    expect(fake.state.items.size).toBe(1)

    fake.expireCredentials()
    expect((await fetch(`${server.url}/items`, { headers: auth })).status).toBe(401)
    expect(fake.stats).toEqual({ requests: 8, logins: 1, writes: 3 })
  })

  it('passes method, headers, query and a binary body through unchanged', async () => {
    const server = await start([
      http.put('*/echo', async ({ request }) => {
        const body = new Uint8Array(await request.arrayBuffer())
        return new HttpResponse(body, {
          headers: {
            'Content-Type': 'application/octet-stream',
            'X-Method': request.method,
            'X-Custom': request.headers.get('x-custom') ?? '',
            'X-Query': new URL(request.url).search,
            'X-Url': request.url,
          },
        })
      }),
    ])
    const payload = new Uint8Array(1024 * 1024)
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) & 0xff
    const res = await fetch(`${server.url}/echo?a=1&b=two%20words`, {
      method: 'PUT',
      headers: { 'X-Custom': 'value 1' },
      body: payload,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-method')).toBe('PUT')
    expect(res.headers.get('x-custom')).toBe('value 1')
    expect(res.headers.get('x-query')).toBe('?a=1&b=two%20words')
    expect(res.headers.get('x-url')).toBe(`${server.url}/echo?a=1&b=two%20words`)
    const echoed = Buffer.from(await res.arrayBuffer())
    expect(echoed.length).toBe(payload.length)
    expect(echoed.equals(Buffer.from(payload))).toBe(true)
  })

  it('answers an unhandled request (and passthrough()) with a 404 naming method and path', async () => {
    const server = await start([http.get('*/through', () => passthrough())])
    const res = await fetch(`${server.url}/nothing/here?secret=1`, { method: 'PATCH', body: '{}' })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(await res.json()).toEqual({ error: 'no fake handler for PATCH /nothing/here' })
    const through = await fetch(`${server.url}/through`)
    expect(through.status).toBe(404)
    expect(await through.json()).toEqual({ error: 'no fake handler for GET /through' })
  })

  it('resolves relative handler paths against its own origin', async () => {
    const server = await start([http.get('/relative', () => HttpResponse.text('found'))])
    expect(await (await fetch(`${server.url}/relative`)).text()).toBe('found')
  })

  it('turns a throwing handler into a 500 and a thrown Response into that response', async () => {
    const server = await start([
      http.get('*/boom', () => {
        throw new Error('kaput')
      }),
      http.get('*/thrown', () => {
        throw HttpResponse.json({ error: 'teapot' }, { status: 418 })
      }),
    ])
    const boom = await fetch(`${server.url}/boom`)
    expect(boom.status).toBe(500)
    expect(await boom.json()).toEqual({ error: 'fake handler threw: kaput' })
    const thrown = await fetch(`${server.url}/thrown`)
    expect(thrown.status).toBe(418)
    expect(await thrown.json()).toEqual({ error: 'teapot' })
  })

  it('answers HEAD with headers and no body', async () => {
    const server = await start([
      http.head('*/file', () => new HttpResponse(null, { headers: { 'Content-Length': '1234', ETag: '"v1"' } })),
    ])
    const { response, body } = await rawRequest(`${server.url}/file`, { method: 'HEAD' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-length']).toBe('1234')
    expect(response.headers.etag).toBe('"v1"')
    expect(body).toBe('')
  })

  it('keeps two Set-Cookie headers separate', async () => {
    const server = await start([
      http.post('*/login', () => {
        const headers = new Headers()
        headers.append('Set-Cookie', 'session=abc; Path=/; HttpOnly')
        headers.append('Set-Cookie', 'refresh=def; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT')
        return HttpResponse.json({ ok: true }, { headers })
      }),
    ])
    const res = await fetch(`${server.url}/login`, { method: 'POST' })
    expect(res.headers.getSetCookie()).toEqual([
      'session=abc; Path=/; HttpOnly',
      'refresh=def; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
    ])
    const { response } = await rawRequest(`${server.url}/login`, { method: 'POST' })
    expect(response.headers['set-cookie']).toHaveLength(2)
  })

  it('streams a 5 MB body: the first bytes reach the client before the handler has produced the rest', async () => {
    const total = 5 * 1024 * 1024
    const chunkSize = 64 * 1024
    let produced = 0
    let releaseRest: () => void = () => undefined
    const rest = new Promise<void>((resolve) => {
      releaseRest = resolve
    })
    const server = await start([
      http.get('*/big', () => {
        const stream = new ReadableStream<Uint8Array>({
          async pull(controller) {
            // Hold the second half back until the client has seen bytes: a server that buffered
            // the whole body first would never send anything, and the test would fail.
            if (produced >= total / 2) await within(rest, 10_000, 'client receiving the first half')
            const chunk = new Uint8Array(chunkSize)
            for (let i = 0; i < chunkSize; i++) chunk[i] = (produced + i) & 0xff
            produced += chunkSize
            controller.enqueue(chunk)
            if (produced >= total) controller.close()
          },
        }, { highWaterMark: 0 })
        return new HttpResponse(stream, { headers: { 'Content-Type': 'application/octet-stream' } })
      }),
    ])

    const res = await fetch(`${server.url}/big`)
    expect(res.status).toBe(200)
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    let received = 0
    let position = 0
    let intact = true
    let producedAtFirstBytes = -1
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (producedAtFirstBytes < 0) {
        producedAtFirstBytes = produced
        releaseRest()
      }
      for (let i = 0; i < value.length && intact; i++) intact = value[i] === ((position + i) & 0xff)
      position += value.length
      received += value.length
    }
    expect(producedAtFirstBytes).toBeLessThan(total)
    expect(received).toBe(total)
    expect(intact).toBe(true)
  })

  it('aborts the handler request signal when the client goes away', async () => {
    let sawAbort: (value: boolean) => void = () => undefined
    const aborted = new Promise<boolean>((resolve) => {
      sawAbort = resolve
    })
    const server = await start([
      http.get('*/slow', ({ request }) => {
        request.signal.addEventListener('abort', () => sawAbort(true))
        return new Promise<Response>(() => undefined)
      }),
    ])
    const controller = new AbortController()
    const pending = fetch(`${server.url}/slow`, { signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 50))
    controller.abort()
    await expect(pending).rejects.toThrow()
    expect(await within(aborted, 5_000, 'the handler seeing the abort')).toBe(true)
  })
})

describe('serve: CORS', () => {
  it('answers a preflight itself, echoing origin and requested headers', async () => {
    let handlerCalls = 0
    const server = await start([
      http.options('*/items', () => {
        handlerCalls++
        return new HttpResponse(null, { status: 500 })
      }),
    ])
    const { response, body } = await rawRequest(`${server.url}/items`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization, content-type, x-okapi-tenant',
      },
    })
    expect(response.statusCode).toBe(204)
    expect(body).toBe('')
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    expect(response.headers['access-control-allow-credentials']).toBe('true')
    expect(response.headers['access-control-allow-methods']).toMatch(/\bPUT\b/)
    expect(response.headers['access-control-allow-methods']).toMatch(/\bDELETE\b/)
    expect(response.headers['access-control-allow-headers']).toBe('authorization, content-type, x-okapi-tenant')
    expect(Number(response.headers['access-control-max-age'])).toBeGreaterThan(0)
    expect(response.headers.vary).toMatch(/Origin/)
    expect(handlerCalls).toBe(0)
  })

  it('passes a plain OPTIONS (not a preflight) to the handlers', async () => {
    const server = await start([http.options('*/items', () => new HttpResponse(null, { status: 200, headers: { Allow: 'GET' } }))])
    const { response } = await rawRequest(`${server.url}/items`, { method: 'OPTIONS' })
    expect(response.statusCode).toBe(200)
    expect(response.headers.allow).toBe('GET')
    expect(response.headers['access-control-allow-origin']).toBe('*')
  })

  it('adds allow-origin, credentials and exposed headers to every response', async () => {
    const server = await start([
      http.get('*/things', () =>
        HttpResponse.json([], {
          headers: {
            Location: 'http://127.0.0.1/x',
            'Retry-After': '1',
            'Sforce-Locator': 'abc',
            'Set-Cookie': 'a=1',
            'X-Service-Specific': 'yes',
          },
        }),
      ),
    ])
    const withOrigin = await fetch(`${server.url}/things`, { headers: { Origin: 'http://127.0.0.1:4173' } })
    expect(withOrigin.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173')
    expect(withOrigin.headers.get('access-control-allow-credentials')).toBe('true')
    expect(withOrigin.headers.get('vary')).toMatch(/Origin/)
    const exposed = (withOrigin.headers.get('access-control-expose-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
    for (const name of ['location', 'retry-after', 'sforce-limit-info', 'sforce-locator', 'x-okapi-token', 'x-request-id', 'link', 'x-service-specific']) {
      expect(exposed).toContain(name)
    }
    expect(exposed).not.toContain('set-cookie')

    const noOrigin = await fetch(`${server.url}/things`)
    expect(noOrigin.headers.get('access-control-allow-origin')).toBe('*')
    const missing = await fetch(`${server.url}/missing`, { headers: { Origin: 'http://localhost:3000' } })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
  })
})

describe('serve: CORS for foreign origins', () => {
  it('refuses a page on a foreign origin: 403, no CORS headers, the handler never runs', async () => {
    let calls = 0
    const server = await start([
      http.all('*/items', () => {
        calls++
        return HttpResponse.json({ secret: 'state' })
      }),
    ])
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example:8080', 'http://localhost.evil.example']) {
      const preflight = await rawRequest(`${server.url}/items`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
      })
      expect(preflight.response.statusCode, origin).toBe(403)
      expect(preflight.response.headers['access-control-allow-origin'], origin).toBeUndefined()
      expect(preflight.response.headers['access-control-allow-credentials'], origin).toBeUndefined()
      const simple = await fetch(`${server.url}/items`, { method: 'POST', headers: { Origin: origin }, body: 'x' })
      expect(simple.status, origin).toBe(403)
      expect(simple.headers.get('access-control-allow-origin'), origin).toBeNull()
      expect(simple.headers.get('access-control-allow-credentials'), origin).toBeNull()
      expect(JSON.stringify(await simple.json())).not.toContain('state')
    }
    expect(calls).toBe(0)
  })

  it('allows loopback origins on any port and the origins option, with credentials', async () => {
    const server = await start([http.get('*/items', () => HttpResponse.json([]))], { origins: ['https://app.example.test'] })
    for (const origin of ['http://127.0.0.1:5173', 'http://localhost:3000', 'http://[::1]:8080', 'https://app.example.test']) {
      const response = await fetch(`${server.url}/items`, { headers: { Origin: origin } })
      expect(response.status, origin).toBe(200)
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin)
      expect(response.headers.get('access-control-allow-credentials'), origin).toBe('true')
    }
    const other = await fetch(`${server.url}/items`, { headers: { Origin: 'https://other.example.test' } })
    expect(other.status).toBe(403)
    const none = await fetch(`${server.url}/items`)
    expect(none.headers.get('access-control-allow-origin')).toBe('*')
    expect(none.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('rejects an origins option that is not a list of origins', async () => {
    await expect(serve([], { origins: ['https://app.example.test/'] })).rejects.toThrow(/options\.origins/)
    await expect(serve([], { origins: 'https://app.example.test' as unknown as string[] })).rejects.toThrow(/options\.origins/)
  })
})

describe('serve: onRequest', () => {
  it('reports each request once with its status and duration, dropped ones as 0', async () => {
    const seen: { method: string; path: string; status: number; ms: number }[] = []
    const server = await start(
      [http.get('*/ok', () => HttpResponse.text('ok')), http.get('*/drop', () => HttpResponse.error())],
      { onRequest: (r) => seen.push(r) },
    )
    await (await fetch(`${server.url}/ok?x=1`)).text()
    await fetch(`${server.url}/drop`).catch(() => undefined)
    await (await fetch(`${server.url}/nothing`)).text()
    const deadline = Date.now() + 2_000
    while (seen.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(seen.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual(['GET /drop 0', 'GET /nothing 404', 'GET /ok?x=1 200'])
    for (const r of seen) expect(r.ms).toBeGreaterThanOrEqual(0)
  })
})

describe('serve: dropped connections', () => {
  it('destroys the socket for HttpResponse.error() and for x-fake-drop: 1, and keeps serving', async () => {
    const server = await start([
      http.get('*/error', () => HttpResponse.error()),
      http.get('*/marker', () => new HttpResponse('never sent', { headers: { 'x-fake-drop': '1' } })),
      http.get('*/ok', () => HttpResponse.text('ok')),
    ])
    expect(await (await fetch(`${server.url}/ok`)).text()).toBe('ok')
    await expect(fetch(`${server.url}/error`)).rejects.toBeInstanceOf(TypeError)
    await expect(fetch(`${server.url}/marker`)).rejects.toBeInstanceOf(TypeError)
    const { response, body } = await rawRequest(`${server.url}/ok`)
    expect(response.headers['x-fake-drop']).toBeUndefined()
    expect(body).toBe('ok')
    await expect(rawRequest(`${server.url}/marker`)).rejects.toThrow(/socket hang up|ECONNRESET/)
  })
})

describe('serve: lifecycle', () => {
  it('close() resolves promptly with an idle keep-alive and a busy connection open', async () => {
    let handlerSawAbort = false
    const server = await serve([
      http.get('*/quick', () => HttpResponse.text('quick')),
      http.get('*/hang', ({ request }) => {
        request.signal.addEventListener('abort', () => {
          handlerSawAbort = true
        })
        return new Promise<Response>(() => undefined)
      }),
    ])
    const agent = new Agent({ keepAlive: true, maxSockets: 4 })
    try {
      const first = await rawRequest(`${server.url}/quick`, { agent })
      expect(first.body).toBe('quick')
      expect(first.response.headers.connection).toBe('keep-alive')
      // fetch keeps its own pooled keep-alive socket too.
      expect(await (await fetch(`${server.url}/quick`)).text()).toBe('quick')
      const hanging = rawRequest(`${server.url}/hang`, { agent })
      hanging.catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 50))

      await within(server.close(), 3_000, 'close()')
      await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/)
      expect(handlerSawAbort).toBe(true)
      await expect(fetch(`${server.url}/quick`)).rejects.toBeInstanceOf(TypeError)
      await server.close() // a second close is a no-op
    } finally {
      agent.destroy()
    }
  })

  it('await using closes the server at the end of the scope', async () => {
    let url = ''
    {
      await using server = await serve([http.get('*/x', () => HttpResponse.text('x'))])
      url = server.url
      expect(await (await fetch(`${url}/x`)).text()).toBe('x')
    }
    await expect(fetch(`${url}/x`)).rejects.toBeInstanceOf(TypeError)
  })

  it('binds the requested port', async () => {
    const probe = await serve([])
    const port = probe.port
    await probe.close()
    const server = await start([http.get('*/p', () => HttpResponse.text('p'))], { port })
    expect(server.port).toBe(port)
    expect(server.url).toBe(`http://127.0.0.1:${port}`)
    expect(await (await fetch(`http://127.0.0.1:${port}/p`)).text()).toBe('p')
  })

  it('refuses a non-loopback host and a bad port before listening', async () => {
    await expect(serve([], { host: '0.0.0.0' })).rejects.toThrow(/options\.host/)
    await expect(serve([], { host: '192.168.1.10' })).rejects.toThrow(TypeError)
    await expect(serve([], { host: 'example.com' })).rejects.toThrow(TypeError)
    await expect(serve([], { port: 70_000 })).rejects.toThrow(/options\.port/)
    await expect(serve([], { port: 1.5 })).rejects.toThrow(TypeError)
  })
})

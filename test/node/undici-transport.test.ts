/**
 * undiciTransport against real HTTP on 127.0.0.1 (the kit's `serve()`), alone and as a client's
 * `fetch`. No msw interception in this file: every request goes over a socket.
 */
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { http, HttpResponse, type RequestHandler } from 'msw'
import * as v from 'valibot'
import { serve, type ServedFake } from '../../src/testing/serve.js'
import { undiciTransport, type UndiciTransport } from '../../src/node/index.js'
import { createClient, NetworkError, NotFoundError, ValidationError, AbortError } from '../../src/index.js'
import { apiKey } from '../../src/auth/index.js'

const servers: ServedFake[] = []
const transports: UndiciTransport[] = []
async function start(handlers: RequestHandler[]): Promise<ServedFake> {
  const server = await serve(handlers)
  servers.push(server)
  return server
}
function transport(options?: Parameters<typeof undiciTransport>[0]): UndiciTransport {
  const t = undiciTransport(options)
  transports.push(t)
  return t
}
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** A promise with its resolve function, to step a streaming handler from the test. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

/** Answers with what the server received: method, path, headers, body text. */
const echo = http.all('*/echo/*', async ({ request }) => {
  const url = new URL(request.url)
  return HttpResponse.json({
    method: request.method,
    path: url.pathname + url.search,
    headers: Object.fromEntries(request.headers),
    body: await request.text(),
  })
})

interface Echo {
  method: string
  path: string
  headers: Record<string, string>
  body: string
}

describe('undiciTransport: responses', () => {
  it('returns a real Response with status, headers, url and a JSON body', async () => {
    const server = await start([http.get('*/item', () => HttpResponse.json({ id: 1, name: 'one' }, { status: 201, headers: { 'x-request-id': 'r-1' } }))])
    const res = await transport()(`${server.url}/item`)
    expect(res).toBeInstanceOf(Response)
    expect(res.status).toBe(201)
    expect(res.ok).toBe(true)
    expect(res.url).toBe(`${server.url}/item`)
    expect(res.redirected).toBe(false)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(res.headers.get('x-request-id')).toBe('r-1')
    expect(res.bodyUsed).toBe(false)
    expect(await res.json()).toEqual({ id: 1, name: 'one' })
    expect(res.bodyUsed).toBe(true)
    await expect(res.text()).rejects.toThrow(TypeError)
  })

  it('streams the body: the first chunk arrives before the server has sent the rest', async () => {
    const second = gate()
    const server = await start([
      http.get('*/stream', () => {
        const encoder = new TextEncoder()
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode('first;'))
            await second.opened
            controller.enqueue(encoder.encode('second'))
            controller.close()
          },
        })
        return new HttpResponse(body, { headers: { 'content-type': 'text/plain' } })
      }),
    ])
    const res = await transport()(`${server.url}/stream`)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    while (!text.includes('first;')) {
      const { done, value } = await reader.read()
      expect(done).toBe(false)
      text += decoder.decode(value)
    }
    expect(text).toBe('first;')
    second.open()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value)
    }
    expect(text).toBe('first;second')
    expect(res.bodyUsed).toBe(true)
    await expect(res.text()).rejects.toThrow(TypeError)
  })

  it('reads a body whose stream was looked at but not read, and refuses a body whose stream is locked', async () => {
    const server = await start([http.get('*/item', () => HttpResponse.json({ id: 7 }))])
    const t = transport()
    const looked = await t(`${server.url}/item`)
    expect(looked.body).toBeInstanceOf(ReadableStream)
    expect(await looked.json()).toEqual({ id: 7 })
    expect(looked.bodyUsed).toBe(true)
    const locked = await t(`${server.url}/item`)
    const reader = locked.body!.getReader()
    await expect(locked.text()).rejects.toThrow(TypeError)
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"id":7}')
  })

  it('keeps several Set-Cookie headers apart for getSetCookie()', async () => {
    const server = await start([
      http.get('*/login', () => {
        const headers = new Headers()
        headers.append('set-cookie', 'session=abc; Path=/; HttpOnly')
        headers.append('set-cookie', 'theme=dark; Path=/')
        return new HttpResponse('ok', { headers })
      }),
    ])
    const res = await transport()(`${server.url}/login`)
    expect(res.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/'])
    expect(await res.text()).toBe('ok')
  })

  it('clones: both copies read the whole body', async () => {
    const server = await start([http.get('*/text', () => HttpResponse.text('x'.repeat(100_000)))])
    const res = await transport()(`${server.url}/text`)
    const copy = res.clone()
    expect(copy.url).toBe(res.url)
    const [a, b] = await Promise.all([res.text(), copy.text()])
    expect(a).toHaveLength(100_000)
    expect(b).toBe(a)
  })

  it('reads arrayBuffer, bytes and blob', async () => {
    const server = await start([http.get('*/bin', () => new HttpResponse(new Uint8Array([1, 2, 3, 250]), { headers: { 'content-type': 'application/octet-stream' } }))])
    const t = transport()
    expect([...new Uint8Array(await (await t(`${server.url}/bin`)).arrayBuffer())]).toEqual([1, 2, 3, 250])
    expect([...(await (await t(`${server.url}/bin`)).bytes())]).toEqual([1, 2, 3, 250])
    const blob = await (await t(`${server.url}/bin`)).blob()
    expect(blob.type).toBe('application/octet-stream')
    expect(blob.size).toBe(4)
  })

  it('gives HEAD and 204 responses a null body', async () => {
    const server = await start([
      http.head('*/thing', () => new HttpResponse(null, { headers: { 'x-size': '12' } })),
      http.delete('*/thing', () => new HttpResponse(null, { status: 204 })),
    ])
    const t = transport()
    const head = await t(`${server.url}/thing`, { method: 'HEAD' })
    expect(head.headers.get('x-size')).toBe('12')
    expect(head.body).toBeNull()
    const deleted = await t(`${server.url}/thing`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(deleted.body).toBeNull()
    expect(await deleted.text()).toBe('')
  })

  it('decodes gzip and br bodies and asks for them', async () => {
    const server = await start([
      http.get('*/gzip', ({ request }) =>
        new HttpResponse(gzipSync(JSON.stringify({ enc: request.headers.get('accept-encoding') })), {
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        }),
      ),
      http.get('*/br', () => new HttpResponse(brotliCompressSync('brotli body'), { headers: { 'content-encoding': 'br' } })),
    ])
    const t = transport()
    expect(await (await t(`${server.url}/gzip`)).json()).toEqual({ enc: 'gzip, deflate, br' })
    expect(await (await t(`${server.url}/br`)).text()).toBe('brotli body')
  })
})

describe('undiciTransport: requests', () => {
  it('sends method, headers and each kind of body fetch accepts', async () => {
    const server = await start([echo])
    const t = transport()
    const send = async (body: BodyInit, headers?: HeadersInit) =>
      (await (await t(`${server.url}/echo/x?q=1`, { method: 'post', body, headers, duplex: 'half' } as RequestInit)).json()) as Echo

    const text = await send('plain text', { 'X-Custom': 'yes' })
    expect(text).toMatchObject({ method: 'POST', path: '/echo/x?q=1', body: 'plain text' })
    expect(text.headers['x-custom']).toBe('yes')
    expect(text.headers['content-type']).toBe('text/plain;charset=UTF-8')

    const json = await send(JSON.stringify({ a: 1 }), new Headers({ 'Content-Type': 'application/json' }))
    expect(json.headers['content-type']).toBe('application/json')
    expect(JSON.parse(json.body)).toEqual({ a: 1 })

    const form = await send(new URLSearchParams({ a: '1', b: 'two words' }))
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8')
    expect(form.body).toBe('a=1&b=two+words')

    expect((await send(new TextEncoder().encode('bytes'))).body).toBe('bytes')
    const blob = await send(new Blob(['blob body'], { type: 'text/csv' }))
    expect(blob.headers['content-type']).toBe('text/csv')
    expect(blob.body).toBe('blob body')

    const data = new FormData()
    data.set('field', 'value')
    const multipart = await send(data)
    expect(multipart.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(multipart.body).toContain('name="field"')
    expect(multipart.body).toContain('value')

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed '))
        controller.enqueue(new TextEncoder().encode('body'))
        controller.close()
      },
    })
    expect((await send(stream)).body).toBe('streamed body')
  })

  it('accepts a Request as input', async () => {
    const server = await start([echo])
    const request = new Request(`${server.url}/echo/req`, { method: 'PUT', body: 'from request', headers: { 'x-a': 'b' } })
    const got = (await (await transport()(request)).json()) as Echo
    expect(got).toMatchObject({ method: 'PUT', path: '/echo/req', body: 'from request' })
    expect(got.headers['x-a']).toBe('b')
  })

  it('refuses a GET with a body and a URL with credentials, like fetch', async () => {
    const t = transport()
    await expect(t('http://127.0.0.1:9/x', { body: 'no' })).rejects.toThrow(TypeError)
    await expect(t('http://user:pass@127.0.0.1:9/x')).rejects.toThrow(TypeError)
  })

  it('keeps at most `connections` requests in flight to one origin', async () => {
    let inFlight = 0
    let most = 0
    const server = await start([
      http.get('*/slow', async () => {
        most = Math.max(most, ++inFlight)
        await new Promise((resolve) => setTimeout(resolve, 30))
        inFlight--
        return HttpResponse.json({ ok: true })
      }),
    ])
    const t = transport({ connections: 2 })
    const answers = await Promise.all(Array.from({ length: 8 }, async () => (await t(`${server.url}/slow`)).json()))
    expect(answers).toHaveLength(8)
    expect(most).toBe(2)
  })

  it('checks its options', () => {
    expect(() => undiciTransport({ connections: 0 })).toThrow(/connections/)
    expect(() => undiciTransport({ keepAliveTimeout: -1 })).toThrow(/keepAliveTimeout/)
  })
})

describe('undiciTransport: redirects', () => {
  const redirects = (target: (origin: string) => string, status = 302): RequestHandler =>
    http.all('*/go', ({ request }) => new HttpResponse(null, { status, headers: { location: target(new URL(request.url).origin) } }))

  it("returns the 3xx response as is with redirect: 'manual'", async () => {
    const server = await start([redirects(() => '/echo/landed'), echo])
    const res = await transport()(`${server.url}/go`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/echo/landed')
    expect(res.redirected).toBe(false)
    expect(await res.text()).toBe('')
  })

  it('follows by default: final url, redirected, and 303 turns a POST into a GET without body', async () => {
    const server = await start([redirects(() => '/echo/landed', 303), echo])
    const res = await transport()(`${server.url}/go`, { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } })
    const got = (await res.json()) as Echo
    expect(res.url).toBe(`${server.url}/echo/landed`)
    expect(res.redirected).toBe(true)
    expect(got.method).toBe('GET')
    expect(got.body).toBe('')
    expect(got.headers['content-type']).toBeUndefined()
  })

  it('replays method and body on 307', async () => {
    const server = await start([redirects(() => '/echo/again', 307), echo])
    const got = (await (await transport()(`${server.url}/go`, { method: 'POST', body: 'payload' })).json()) as Echo
    expect(got).toMatchObject({ method: 'POST', path: '/echo/again', body: 'payload' })
  })

  it('drops Authorization and Cookie when a redirect leaves the origin', async () => {
    const other = await start([echo])
    const server = await start([redirects(() => `${other.url}/echo/elsewhere`)])
    const got = (await (await transport()(`${server.url}/go`, { headers: { authorization: 'Bearer secret', cookie: 'a=1', 'x-keep': '1' } })).json()) as Echo
    expect(got.path).toBe('/echo/elsewhere')
    expect(got.headers.authorization).toBeUndefined()
    expect(got.headers.cookie).toBeUndefined()
    expect(got.headers['x-keep']).toBe('1')
  })

  it("rejects with redirect: 'error' and stops after maxRedirections", async () => {
    const server = await start([redirects((origin) => `${origin}/go`)])
    await expect(transport()(`${server.url}/go`, { redirect: 'error' })).rejects.toThrow(TypeError)
    await expect(transport({ maxRedirections: 3 })(`${server.url}/go`)).rejects.toMatchObject({ cause: { message: 'more than 3 redirects' } })
  })
})

describe('undiciTransport: failures and cancellation', () => {
  it("rejects with TypeError('fetch failed') whose cause carries ECONNREFUSED", async () => {
    const server = await serve([])
    const url = `${server.url}/nothing`
    await server.close()
    const error = await transport()(url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as TypeError).message).toBe('fetch failed')
    expect(((error as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED')
  })

  it("rejects with the signal's reason: already aborted, while waiting, and mid-body", async () => {
    const body = gate()
    const server = await start([
      http.get('*/hang', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5_000))
        return HttpResponse.json({})
      }),
      http.get('*/half', () => {
        const stream = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(new TextEncoder().encode('part'))
            await body.opened
            controller.close()
          },
        })
        return new HttpResponse(stream)
      }),
    ])
    const t = transport()
    const reason = new Error('stop now')
    await expect(t(`${server.url}/hang`, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)

    const waiting = new AbortController()
    const pending = t(`${server.url}/hang`, { signal: waiting.signal })
    setTimeout(() => waiting.abort(reason), 50)
    await expect(pending).rejects.toBe(reason)

    const midBody = new AbortController()
    const res = await t(`${server.url}/half`, { signal: midBody.signal })
    const reader = res.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('part')
    midBody.abort(reason)
    await expect(reader.read()).rejects.toBe(reason)
    body.open()
  })
})

describe('undiciTransport as a client fetch', () => {
  const Item = v.looseObject({ id: v.number(), name: v.string() })

  it('carries API key auth, validation, typed errors and retries', async () => {
    let calls = 0
    const server = await start([
      http.get('*/items/1', ({ request }) => {
        if (request.headers.get('authorization') !== 'Bearer key-123456') return HttpResponse.json({ error: 'no' }, { status: 401 })
        return HttpResponse.json({ id: 1, name: 'one' })
      }),
      http.get('*/items/bad', () => HttpResponse.json({ id: 'x' })),
      http.get('*/items/flaky', () => (++calls < 2 ? HttpResponse.json({ error: 'busy' }, { status: 503 }) : HttpResponse.json({ id: 2, name: 'two' }))),
    ])
    const client = createClient({ baseURL: server.url, auth: apiKey({ key: 'key-123456' }), fetch: transport(), retry: { baseDelay: 1 } })
    expect(await client.request({ path: '/items/1', schema: Item })).toEqual({ id: 1, name: 'one' })
    await expect(client.request({ path: '/items/bad', schema: Item })).rejects.toThrow(ValidationError)
    await expect(client.request({ path: '/items/missing' })).rejects.toThrow(NotFoundError)
    expect(await client.request({ path: '/items/flaky', schema: Item })).toEqual({ id: 2, name: 'two' })
    expect(calls).toBe(2)
    await client.close()
  })

  it("follows the core's manual redirects and never sends the key to another origin", async () => {
    const other = await start([echo])
    const server = await start([
      http.get('*/moved', () => new HttpResponse(null, { status: 302, headers: { location: '/echo/same' } })),
      http.get('*/away', () => new HttpResponse(null, { status: 302, headers: { location: `${other.url}/echo/away` } })),
      echo,
    ])
    const client = createClient({ baseURL: server.url, auth: apiKey({ key: 'key-123456' }), fetch: transport() })
    const same = await client.request<Echo>({ path: '/moved' })
    expect(same.path).toBe('/echo/same')
    expect(same.headers.authorization).toBe('Bearer key-123456')
    // A redirect of a credentialed request off the client's origin is refused; nothing reaches the other server.
    const refused = await client.request<Echo>({ path: '/away' }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ name: 'UntrustedOriginError', to: new URL(other.url).origin })
    await client.close()
  })

  it('streams a response and maps refused connections and aborts to typed errors', async () => {
    const server = await start([http.get('*/file', () => HttpResponse.text('a'.repeat(70_000)))])
    const client = createClient({ baseURL: server.url, fetch: transport(), retry: false })
    const stream = await client.request<ReadableStream<Uint8Array>>({ path: '/file', responseType: 'stream' })
    let size = 0
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) size += chunk.byteLength
    expect(size).toBe(70_000)
    await expect(client.request({ path: '/file', signal: AbortSignal.abort() })).rejects.toThrow(AbortError)

    const closed = await serve([])
    const refused = createClient({ baseURL: closed.url, fetch: transport(), retry: false })
    await closed.close()
    const error = await refused.request({ path: '/x' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).connectionRefused).toBe(true)
    await client.close()
  })
})

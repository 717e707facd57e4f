import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IsoSdkError, NetworkError, ValidationError, createClient, encodePath } from '../../src/index.js'
import { apiKey } from '../../src/auth/index.js'

// A raw socket server: hostile answers (cut bodies, huge bodies, lies about content type) need real bytes.
let server: Server
let base = ''
const seen: string[] = []
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '')
    const path = (req.url ?? '').split('?')[0]
    if (path === '/truncated') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
      res.write('{"a":')
      setTimeout(() => res.socket?.destroy(), 10)
    } else if (path === '/huge') {
      const chunk = Buffer.alloc(1024 * 1024, 'a')
      res.writeHead(200, { 'content-type': 'text/plain' })
      for (let i = 0; i < 50; i++) res.write(chunk)
      res.end()
    } else if (path === '/invalid-json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"a": nope}')
    } else if (path === '/html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>')
    } else if (path === '/proto') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"constructor":{"prototype":{"x":1}},"__proto__":{"isAdmin":true},"n":{"__proto__":{"y":1}}}')
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('hostile ids never change the path', () => {
  it.each(['a/b', '../admin', './x', '...', '?x=1', '#frag', '100%', 'a\r\nb', 'ünï çødé', ' ', '%2e%2e'])('%j', async (id) => {
    const client = createClient({ baseURL: `${base}/api/items` })
    const { url } = await client.request<{ url: string }>({ path: encodePath`/records/${id}/detail` })
    const path = url.split('?')[0]!
    expect(path.startsWith('/api/items/records/')).toBe(true)
    expect(path.endsWith('/detail')).toBe(true)
    expect(path.split('/')).toHaveLength(6)
    expect(decodeURIComponent(path.split('/')[4]!)).toBe(id)
  })
  it.each(['', '.', '..'])('%j cannot be a segment: ValidationError, nothing sent', (id) => {
    expect(() => encodePath`/records/${id}`).toThrow(ValidationError)
  })
})

describe('query values are encoded', () => {
  it.each(['a&b=c', 'x#y', 'é', '=', 'a+b', '\n'])('%j', async (value) => {
    const client = createClient({ baseURL: base })
    const { url } = await client.request<{ url: string }>({ path: '/q', query: { v: value, other: 'kept' } })
    const params = new URL(url, base).searchParams
    expect(params.get('v')).toBe(value)
    expect(params.get('other')).toBe('kept')
    expect([...params.keys()]).toEqual(['v', 'other'])
  })
})

describe('headers with CR/LF are refused before sending', () => {
  it.each<Record<string, string>>([{ 'x-a': 'v\r\nInjected: 1' }, { 'x-b': 'v\nx' }, { 'x-c\r\n': 'v' }])('%j', async (headers) => {
    const before = seen.length
    const error = await createClient({ baseURL: base }).request({ path: '/h', headers }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(seen.length).toBe(before)
  })
  it('an API key with a line break is refused at creation', () => {
    expect(() => apiKey({ key: 'abc\r\nX-Evil: 1' })).toThrow(TypeError)
  })
})

describe('hostile responses are typed errors or safe values', () => {
  it('a truncated body is a NetworkError', async () => {
    await expect(createClient({ baseURL: base, retry: false }).request({ path: '/truncated' })).rejects.toBeInstanceOf(NetworkError)
  })
  it('invalid JSON is a typed error', async () => {
    await expect(createClient({ baseURL: base }).request({ path: '/invalid-json' })).rejects.toBeInstanceOf(IsoSdkError)
  })
  it('a wrong content type is a typed error naming it', async () => {
    await expect(createClient({ baseURL: base }).request({ path: '/html' })).rejects.toThrow(/text\/html/)
    await expect(createClient({ baseURL: base }).request({ path: '/html', responseType: 'text' })).resolves.toBe('<html>login</html>')
  })
  it('a 50 MB body arrives whole (text) or as a stream', async () => {
    const text = await createClient({ baseURL: base }).request<string>({ path: '/huge', responseType: 'text' })
    expect(text.length).toBe(50 * 1024 * 1024)
    const stream = await createClient({ baseURL: base }).request<ReadableStream<Uint8Array>>({ path: '/huge', responseType: 'stream' })
    let bytes = 0
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length
    expect(bytes).toBe(50 * 1024 * 1024)
  })
  it('__proto__ keys never reach a prototype', async () => {
    const out = await createClient({ baseURL: base }).request<Record<string, Record<string, unknown>>>({ path: '/proto' })
    const merged = Object.assign({}, out, out.n)
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect((merged as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(({} as Record<string, unknown>).y).toBeUndefined()
  })
})

describe('credentials over plain http', () => {
  it('are refused to a non-loopback host unless the user opts in', () => {
    const auth = apiKey({ key: 'key-1234567' })
    expect(() => createClient({ baseURL: 'http://api.example.com', auth })).toThrow(/allowInsecureHTTP/)
    expect(() => createClient({ baseURL: 'http://api.example.com', auth, allowInsecureHTTP: true })).not.toThrow()
    expect(() => createClient({ baseURL: 'http://127.0.0.1:8080', auth })).not.toThrow()
    expect(() => createClient({ baseURL: 'http://localhost:8080', auth })).not.toThrow()
  })
})

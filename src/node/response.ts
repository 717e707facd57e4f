// A WHATWG `Response` over an undici body. On Node 20 every `ReadableStream` costs ~15 µs to
// create, so the stream is only built when someone asks for `body`; `text()`, `json()`,
// `arrayBuffer()`, `bytes()` and `blob()` read the undici body directly unless that stream
// has been read from (or locked) first. Semantics stay those of a fetch Response: one read,
// `bodyUsed`, streaming `body`, `clone()`.
import { Readable } from 'node:stream'

type Bytes = Uint8Array<ArrayBuffer>

/** What undici's `request` gives for a body (a Node stream with body-mixin readers). */
export interface SourceBody extends Readable {
  text?(): Promise<string>
  arrayBuffer?(): Promise<ArrayBuffer>
  bytes?(): Promise<Uint8Array>
}

const noop = () => {}
const unusable = () => new TypeError('Body is unusable: Body has already been read')

/** Reads a whole Node stream into one Buffer. */
function readAll(source: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    source.on('data', (chunk: Buffer) => chunks.push(chunk))
    source.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    source.once('error', reject)
  })
}

interface BodyState {
  source: SourceBody
  stream?: ReadableStream<Bytes>
  /** Set once the stream's own reader pulled (the fast path may no longer run). */
  pulled: boolean
  /** Set once a reader method consumed the source directly. */
  consumed: boolean
}

/** A byte stream over `state.source`, created lazily; it refuses to run once a fast-path read consumed the source. */
function webStream(state: BodyState): ReadableStream<Bytes> {
  const { source } = state
  let wake: (() => void) | undefined
  let ended = false
  let failure: { error: unknown } | undefined
  let listening = false
  const listen = () => {
    listening = true
    const resume = () => {
      const w = wake
      wake = undefined
      w?.()
    }
    source.on('readable', resume)
    source.once('end', () => {
      ended = true
      resume()
    })
    source.once('error', (error) => {
      failure = { error }
      resume()
    })
  }
  return new ReadableStream({
    type: 'bytes',
    async pull(controller: ReadableByteStreamController) {
      if (state.consumed) throw unusable()
      state.pulled = true
      if (!listening) listen()
      for (;;) {
        if (failure) throw failure.error
        const chunk = source.read() as Buffer | null
        if (chunk !== null) {
          // A copy: undici's chunks may share one ArrayBuffer, and a byte stream transfers what it is given.
          controller.enqueue(new Uint8Array(chunk))
          return
        }
        if (ended || source.readableEnded) {
          controller.close()
          controller.byobRequest?.respond(0)
          return
        }
        await new Promise<void>((resolve) => (wake = resolve))
      }
    },
    cancel() {
      // Nobody reads the source any more: its 'error' (undici reports the cancel as one) goes nowhere.
      source.on('error', noop)
      source.destroy()
    },
  })
}

/**
 * The Response the transport returns. `url` and `redirected` are the final URL and whether a
 * redirect was followed, as for `fetch`.
 */
export class UndiciResponse extends Response {
  readonly #state: BodyState | undefined
  readonly #url: string
  readonly #redirected: boolean

  constructor(source: SourceBody | undefined, init: ResponseInit, url: string, redirected: boolean) {
    super(null, init)
    this.#state = source ? { source, pulled: false, consumed: false } : undefined
    this.#url = url
    this.#redirected = redirected
  }

  override get url(): string {
    return this.#url
  }

  override get redirected(): boolean {
    return this.#redirected
  }

  override get body(): ReadableStream<Bytes> | null {
    const state = this.#state
    if (!state) return null
    state.stream ??= webStream(state)
    return state.stream
  }

  override get bodyUsed(): boolean {
    const state = this.#state
    if (!state) return false
    return state.consumed || (state.stream !== undefined && Readable.isDisturbed(state.stream as unknown as Readable))
  }

  /** Takes the source for a direct read, or undefined when the stream API is in use (then the base class reads the stream). */
  #take(): SourceBody | undefined {
    const state = this.#state!
    if (state.consumed) throw unusable()
    if (state.stream && (state.pulled || state.stream.locked)) return undefined
    state.consumed = true
    return state.source
  }

  /** The same response with the stream as its body, for the reads the fast path does not cover. */
  #viaStream(): Response {
    return new Response(this.body, { status: this.status, statusText: this.statusText, headers: this.headers })
  }

  override async text(): Promise<string> {
    if (!this.#state) return ''
    const source = this.#take()
    if (!source) return this.#viaStream().text()
    if (source.text) return source.text()
    return (await readAll(source)).toString('utf8')
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (!this.#state) return new ArrayBuffer(0)
    const source = this.#take()
    if (!source) return this.#viaStream().arrayBuffer()
    if (source.arrayBuffer) return source.arrayBuffer()
    const buffer = await readAll(source)
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer
  }

  override async bytes(): Promise<Bytes> {
    return new Uint8Array(await this.arrayBuffer())
  }

  override async blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? ''
    return new Blob([await this.arrayBuffer()], type ? { type } : {})
  }

  override async formData(): Promise<FormData> {
    if (this.bodyUsed) throw unusable()
    return this.#viaStream().formData()
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.')
    const stream = this.body
    if (!stream) return new UndiciResponse(undefined, this.#init(), this.#url, this.#redirected)
    const [mine, theirs] = stream.tee()
    // From now on this response reads its half of the tee through the stream API.
    const state = this.#state!
    state.stream = mine
    state.pulled = true
    return new TeeResponse(theirs, this.#init(), this.#url, this.#redirected)
  }

  #init(): ResponseInit {
    return { status: this.status, statusText: this.statusText, headers: this.headers }
  }
}

/** A clone: an ordinary Response over one half of a tee, keeping `url` and `redirected`. */
class TeeResponse extends Response {
  readonly #url: string
  readonly #redirected: boolean
  constructor(body: ReadableStream<Bytes>, init: ResponseInit, url: string, redirected: boolean) {
    super(body, init)
    this.#url = url
    this.#redirected = redirected
  }
  override get url(): string {
    return this.#url
  }
  override get redirected(): boolean {
    return this.#redirected
  }
}

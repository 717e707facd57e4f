import { describe, expect, test } from 'vitest'
import { NotFoundError } from '../../src/index.js'
import { downloadFile } from '../../src/salesforce/index.js'
import { useSalesforce } from './setup.js'

const env = useSalesforce()

async function drain(stream: ReadableStream<Uint8Array>): Promise<{ chunks: number; bytes: Uint8Array }> {
  const parts: Uint8Array[] = []
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk)
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.length
  }
  return { chunks: parts.length, bytes }
}

describe('downloadFile', () => {
  test('a 5 MB file arrives as a stream of chunks, byte for byte', async () => {
    const { fake, sf } = env.fresh()
    const file = fake.addFile(5 * 1024 * 1024)
    const stream = await downloadFile(sf, 'ContentVersion', file.id, 'VersionData')
    expect(stream).toBeInstanceOf(ReadableStream)
    const { chunks, bytes } = await drain(stream)
    expect(chunks).toBeGreaterThan(1)
    expect(bytes.length).toBe(file.bytes.length)
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(file.bytes))).toBe(0)
    expect(fake.state.traffic.at(-1)).toMatchObject({ method: 'GET', path: `/services/data/v63.0/sobjects/ContentVersion/${file.id}/VersionData`, status: 200 })
  })

  test('the stream can be handed on as a Response body', async () => {
    const { fake, sf } = env.fresh()
    const file = fake.addFile(200_000)
    const response = new Response(await downloadFile(sf, 'ContentVersion', file.id, 'VersionData'))
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), Buffer.from(file.bytes))).toBe(0)
  })

  test('a missing blob is a NotFoundError; bad names never reach the wire', async () => {
    const { fake, sf } = env.fresh()
    const id = fake.insert('Account', { Name: 'No files' })
    await expect(downloadFile(sf, 'Account', id, 'Body')).rejects.toBeInstanceOf(NotFoundError)
    const before = fake.state.traffic.length
    await expect(downloadFile(sf, 'ContentVersion', id, '../secrets')).rejects.toMatchObject({ issues: [{ path: 'field' }] })
    expect(fake.state.traffic.length).toBe(before)
  })
})

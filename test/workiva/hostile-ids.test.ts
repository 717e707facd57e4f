import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NotFoundError, ValidationError } from '../../src/index.js'
import { workivaFake } from '../../src/testing/workiva/index.js'
import { getFileById } from '../../src/workiva/index.js'
import { ORIGIN, fakeClient, recordingServer } from './helpers.js'

// Ids are path segments: whatever they hold, they never change which path is requested.
const { server, seen } = recordingServer(workivaFake().handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describe('hostile file ids', () => {
  it.each(['a/b', '../operations', '?$filter=x', '#x', '100%', 'ünï', 'a\r\nb'])('%j stays one segment of /files/{fileId}', async (fileId) => {
    const before = seen.length
    await expect(getFileById(fakeClient(), { fileId })).rejects.toBeInstanceOf(NotFoundError)
    const sent = seen.slice(before).filter((s) => !s.url.includes('/oauth2/token'))
    expect(sent).toHaveLength(1)
    const url = new URL(sent[0]!.url)
    expect(url.origin).toBe(ORIGIN)
    expect(url.search).toBe('')
    expect(url.pathname.split('/')).toHaveLength(3)
    expect(decodeURIComponent(url.pathname.split('/')[2]!)).toBe(fileId)
  })

  it.each(['.', '..'])('%j is refused before anything is sent', async (fileId) => {
    const before = seen.length
    await expect(getFileById(fakeClient(), { fileId })).rejects.toBeInstanceOf(ValidationError)
    expect(seen.length).toBe(before)
  })
})

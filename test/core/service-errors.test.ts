import { describe, expect, it } from 'vitest'
import { RateLimitError } from '../../src/index.js'
import { mapSalesforceError } from '../../src/salesforce/index.js'
import { mapWorkivaError } from '../../src/workiva/index.js'
import { _mapWikiError } from '../../src/wikijs/client.js'

// Every service's error mapping keeps the core's fields: a 429 carries the server's Retry-After.
describe('service error mappings keep retryAfter', () => {
  const request = { method: 'GET', url: 'https://api.test/x' }
  const response = () => new Response(null, { status: 429, headers: { 'retry-after': '3' } })
  it.each([
    ['salesforce', () => mapSalesforceError(response(), [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }], request)],
    ['workiva', () => mapWorkivaError(response(), { code: '429TooManyRequests', message: 'slow down' }, request)],
    ['wikijs', () => _mapWikiError(response(), { errors: [{ message: 'slow down' }] }, request)],
  ])('%s', (_name, map) => {
    const error = map()
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfter).toBe(3000)
    expect(error?.message).toContain('slow down')
  })
})

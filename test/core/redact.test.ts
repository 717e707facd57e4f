import { describe, expect, it } from 'vitest'
import { ValidationError, redactHeaders, redactText, registerSecret } from '../../src/index.js'

describe('redaction', () => {
  it.each([
    ['Authorization: Bearer abc.def-123', 'abc.def-123'],
    ['url?access_token=zzz999&x=1', 'zzz999'],
    ['{"password":"hunter2"}', 'hunter2'],
    ['<urn:password>p4ss</urn:password>', 'p4ss'],
    ['folioAccessToken=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'eyJhbGciOiJIUzI1NiJ9'],
    ['client_secret: s3cr3t', 's3cr3t'],
  ])('%s', (text, secret) => {
    expect(redactText(text)).not.toContain(secret)
  })

  it('keeps prose and scrubs registered secrets wherever they appear', () => {
    expect(redactText('Token request failed (status 401)')).toBe('Token request failed (status 401)')
    registerSecret('plain-words-secret')
    expect(redactText('oops plain-words-secret leaked')).toBe('oops [redacted] leaked')
  })

  it('headers outside the allowlist are redacted', () => {
    const out = redactHeaders(new Headers({ authorization: 'Bearer x', cookie: 'a=b', 'x-okapi-token': 't', 'content-type': 'application/json', 'x-custom-secret': 'v' }))
    expect(out).toEqual({ authorization: '[redacted]', cookie: '[redacted]', 'x-okapi-token': '[redacted]', 'content-type': 'application/json', 'x-custom-secret': '[redacted]' })
  })

  it('validation messages that name secret fields stay readable', () => {
    const error = new ValidationError('bloomy', [{ path: 'apiKey', message: 'must not be empty' }])
    expect(error.message).toBe('bloomy: apiKey: must not be empty')
  })
})

/** `isosdk`'s argument parsing: every refusal names what is wrong (the bin prints it with the usage, exit 2). */
import { describe, expect, it } from 'vitest'
import { parseCommand, parseFaults, SERVICES, UsageError } from '../../src/cli/args.js'

describe('isosdk: arguments', () => {
  it('fake <service> and fake all, with port, seed, faults and json', () => {
    expect(parseCommand(['fake', 'bloomy'])).toEqual({ command: 'fake', services: ['bloomy'], port: 0, json: false })
    expect(parseCommand(['fake', 'all', '--port', '8700', '--seed', '42', '--json'])).toEqual({
      command: 'fake',
      services: [...SERVICES],
      port: 8700,
      seed: 42,
      json: true,
    })
    expect(parseCommand(['fake', 'wikijs', '--faults', '5xx=0.1,drop=0.02,latency=0-200'])).toMatchObject({
      faults: { serverErrorRate: 0.1, dropRate: 0.02, latency: [0, 200] },
    })
    expect(parseCommand(['--help'])).toEqual({ command: 'help' })
    expect(parseCommand(['fake', '-h'])).toEqual({ command: 'help' })
  })

  it.each([
    [[], /no command/],
    [['serve', 'all'], /unknown command "serve"/],
    [['fake'], /needs a service/],
    [['fake', 'jira'], /unknown service "jira"/],
    [['fake', 'all', 'extra'], /unexpected argument "extra"/],
    [['fake', 'all', '--port', 'abc'], /--port must be an integer/],
    [['fake', 'all', '--port', '65533'], /--port must be from 0 to 65531/],
    [['fake', 'bloomy', '--port=-1'], /--port must be from 0 to 65535/],
    [['fake', 'all', '--seed', '1.5'], /--seed must be an integer/],
    [['fake', 'all', '--bogus'], /Unknown option '--bogus'/],
    [['fake', 'all', '--port'], /--port/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError)
    expect(() => parseCommand(argv)).toThrow(message)
  })

  it('faults: every key, and every malformed one named', () => {
    expect(parseFaults('5xx=0.1,429=0.05,drop=0.02,latency=15,retry-after=2')).toEqual({
      serverErrorRate: 0.1,
      rateLimitRate: 0.05,
      dropRate: 0.02,
      latency: 15,
      retryAfter: 2,
    })
    for (const [raw, message] of [
      ['5xx=2', /5xx is a share from 0 to 1/],
      ['drop=', /drop is a share/],
      ['latency=200-10', /MIN above MAX/],
      ['latency=fast', /latency is ms/],
      ['jitter=1', /unknown fault "jitter"/],
      ['5xx', /key=value/],
      ['5xx=0.1,5xx=0.2', /given twice/],
      ['5xx=0.6,drop=0.5', /must not exceed 1/],
      ['retry-after=1.5', /whole seconds/],
    ] as const) {
      expect(() => parseFaults(raw), raw).toThrow(message)
    }
  })
})

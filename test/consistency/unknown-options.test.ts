/**
 * Issue 18 items 6 and 7: every exported function of every service (and the core's `paginate`,
 * `mapConcurrent`, `wait`) refuses an option key it does not know with a `TypeError` naming the
 * key — as a rejection for a function that returns a promise or a `Paginated` (never a throw at
 * the call), at once for a configuration function (a preset, `createClient`, a poller) — and
 * sends nothing. The functions are found with the TypeScript compiler, so a new function is
 * covered the day it is exported: its last parameter named `options` (or `…Options`) gets the key.
 */
import { join } from 'node:path'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/index.js'
import { readCompilerOptions } from '../docs/exported-functions.js'

const root = join(import.meta.dirname, '..', '..')
const BAD_KEY = 'notAnOption'

const entries = {
  isosdk: 'src/index.ts',
  'isosdk/bloomy': 'src/bloomy/index.ts',
  'isosdk/wikijs': 'src/wikijs/index.ts',
  'isosdk/folio': 'src/folio/index.ts',
  'isosdk/salesforce': 'src/salesforce/index.ts',
  'isosdk/workiva': 'src/workiva/index.ts',
} as const

/** Core functions in scope (the others take no options, or are helpers such as `parseWith`). */
const CORE = new Set(['paginate', 'mapConcurrent', 'wait', 'createClient'])

/** A valid configuration per configuration function: the bad key is added to it. */
const CONFIG: Record<string, Record<string, unknown>> = {
  createClient: { baseURL: 'https://api.example.com' },
  bloomy: { apiKey: 'key-0123456789' },
  bloomyToken: { username: 'ada@example.com', password: 'pw-0123456789' },
  wikijs: { url: 'https://wiki.example.com', apiKey: 'key-0123456789' },
  folio: { url: 'https://folio.example.com', tenant: 'diku', username: 'diku_admin', password: 'pw-0123456789' },
  salesforce: { instanceUrl: 'https://acme.my.salesforce.com', accessToken: 'token-0123456789' },
  workiva: { clientId: 'id', clientSecret: 'secret-0123456789' },
}

interface Target {
  entry: keyof typeof entries
  name: string
  /** Index of the options parameter in the longest signature. */
  optionsAt: number
  /** Returns a promise or a Paginated: a bad key must reject, not throw. */
  deferred: boolean
}

function findTargets(): Target[] {
  const files = Object.values(entries).map((f) => join(root, f))
  const program = ts.createProgram(files, readCompilerOptions(join(root, 'tsconfig.json')))
  const checker = program.getTypeChecker()
  const out: Target[] = []
  for (const [entry, file] of Object.entries(entries) as [keyof typeof entries, string][]) {
    const source = program.getSourceFile(join(root, file))!
    for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      if (!(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) || !symbol.valueDeclaration) continue
      if (entry === 'isosdk' && !CORE.has(exported.name)) continue
      const signatures = checker.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration).getCallSignatures()
      const longest = [...signatures].sort((a, b) => b.parameters.length - a.parameters.length)[0]
      const last = longest?.parameters.at(-1)
      if (!longest || !last || !/options$/i.test(last.name)) continue
      const returns = checker.typeToString(longest.getReturnType())
      out.push({ entry, name: exported.name, optionsAt: longest.parameters.length - 1, deferred: /^(Promise|Paginated)</.test(returns) })
    }
  }
  return out
}

const targets = findTargets()
let requests = 0
const server = setupServer(
  http.all('*', () => {
    requests++
    return HttpResponse.json({ error: 'nothing should have been sent' }, { status: 500 })
  }),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

async function load(entry: keyof typeof entries): Promise<Record<string, (...args: unknown[]) => unknown>> {
  return (await import(join(root, entries[entry]))) as Record<string, (...args: unknown[]) => unknown>
}

/** The error a call ends with: thrown at the call (`sync`) or through its promise / Paginated. */
async function outcome(call: () => unknown): Promise<{ sync: boolean; error: unknown }> {
  let result: unknown
  try {
    result = call()
  } catch (error) {
    return { sync: true, error }
  }
  try {
    await (result as PromiseLike<unknown>)
  } catch (error) {
    return { sync: false, error }
  }
  return { sync: false, error: undefined }
}

describe('unknown option keys', () => {
  it('finds the functions of every service (the walk itself works)', () => {
    const names = targets.map((t) => t.name)
    for (const name of ['listPages', 'searchPages', 'folioGetAll', 'folioGet', 'query', 'bulkIngest', 'listUsers', 'getFiles', 'paginate', 'mapConcurrent', 'bloomy', 'workiva']) {
      expect(names, name).toContain(name)
    }
    expect(targets.length).toBeGreaterThan(400)
  })

  it('every function: a TypeError naming the key — a rejection where it returns a promise or Paginated — and nothing sent', { timeout: 60_000 }, async () => {
    const client = createClient({ baseURL: 'https://api.example.com', retry: false })
    const wrong: string[] = []
    for (const target of targets) {
      const fn = (await load(target.entry))[target.name]!
      const args: unknown[] = Array.from({ length: target.optionsAt }, () => 'x')
      if (target.optionsAt > 0) args[0] = client
      const config = CONFIG[target.name]
      args[target.optionsAt] = { ...config, [BAD_KEY]: 1 }
      if (target.name === 'mapConcurrent') args.splice(0, 2, [1], (n: number) => n)
      if (target.name === 'mapConcurrent') args[2] = { concurrency: 1, [BAD_KEY]: 1 }
      if (target.name === 'wait') args[1] = { poll: async () => ({ done: true, status: 'done' }) }
      const { sync, error } = await outcome(() => fn(...args))
      const label = `${target.entry} ${target.name}`
      if (!(error instanceof TypeError)) wrong.push(`${label}: ${error === undefined ? 'resolved' : `${(error as Error)?.name}: ${(error as Error)?.message}`}`)
      else if (!error.message.includes(BAD_KEY)) wrong.push(`${label}: message does not name the key: ${error.message}`)
      else if (sync && target.deferred) wrong.push(`${label}: threw at the call instead of rejecting`)
    }
    expect(wrong).toEqual([])
    expect(requests).toBe(0)
  })
})

describe('hints for options that do not exist', () => {
  it("listPages(c, { offset }) says Wiki.js cannot skip and what to do instead", async () => {
    const { listPages } = await import('../../src/wikijs/index.js')
    const client = createClient({ baseURL: 'https://wiki.example.com' })
    await expect(listPages(client, { offset: 50 } as never)).rejects.toThrow(
      new TypeError('listPages: unknown option `offset` (Wiki.js 2.x cannot skip; slice the result or use searchPages)'),
    )
    expect(requests).toBe(0)
  })
})

describe('configuration errors are TypeErrors, for every preset and strategy', () => {
  it('each names the bad field', async () => {
    const { bloomy } = await import('../../src/bloomy/index.js')
    const { wikijs } = await import('../../src/wikijs/index.js')
    const { folio } = await import('../../src/folio/index.js')
    const { salesforce } = await import('../../src/salesforce/index.js')
    const { workiva } = await import('../../src/workiva/index.js')
    const { apiKey, oauthClientCredentials, sessionLogin } = await import('../../src/auth/index.js')
    const cases: [string, () => unknown, string][] = [
      ['createClient', () => createClient({ baseURL: 'not a url' }), 'baseURL'],
      ['bloomy', () => bloomy({ apiKey: '' }), 'apiKey'],
      ['wikijs', () => wikijs({ url: 'wiki.example.com', apiKey: 'k' }), 'url'],
      ['folio', () => folio({ url: 'https://folio.example.com', tenant: 'a b', username: 'u', password: 'p' }), 'tenant'],
      ['salesforce', () => salesforce({ username: 'u', password: '' }), 'password'],
      ['workiva', () => workiva({ clientId: '', clientSecret: 's' }), 'clientId'],
      ['apiKey', () => apiKey({ key: '' }), 'key'],
      ['oauthClientCredentials', () => oauthClientCredentials({ tokenUrl: 'https://t.example.com', clientId: '', clientSecret: 's' }), 'clientId'],
      ['sessionLogin', () => sessionLogin({} as never), 'login'],
    ]
    const wrong: string[] = []
    for (const [name, make, field] of cases) {
      const { sync, error } = await outcome(make)
      if (!sync || !(error instanceof TypeError) || !error.message.includes(field)) wrong.push(`${name}: ${sync ? '' : 'not thrown at once; '}${String(error)}`)
    }
    expect(wrong).toEqual([])
  })
})

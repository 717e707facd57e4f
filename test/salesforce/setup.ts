import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { salesforceFake, type SalesforceFake, type SalesforceFakeOptions } from '../../src/testing/salesforce/index.js'
import { salesforce, type SalesforceClient, type SalesforceOptions } from '../../src/salesforce/index.js'

export const LOGIN_URL = 'https://login.sf.test'

/** The custom fields these tests' org has on Account (the fake refuses undeclared ones, as Salesforce does). */
export const ORG: SalesforceFakeOptions['objects'] = {
  Account: {
    fields: {
      Rank__c: 'double',
      Ext__c: { type: 'string', externalId: true },
      Note__c: 'textarea',
      Active__c: 'boolean',
      Since__c: 'datetime',
      Secret__c: 'string',
    },
  },
}

/**
 * One fake + msw server per test file; `fresh()` gives a new fake (and client) per test by swapping
 * the server's handlers, so tests never share state.
 */
export function useSalesforce() {
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  const clients: SalesforceClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close()
  })
  return {
    server,
    fresh(fakeOptions: SalesforceFakeOptions = {}, clientOptions: Partial<SalesforceOptions> = {}): { fake: SalesforceFake; sf: SalesforceClient } {
      const fake = salesforceFake(fakeOptions)
      server.use(...fake.handlers)
      const sf = salesforce({
        loginUrl: LOGIN_URL,
        username: fake.username,
        password: fake.password,
        securityToken: fake.securityToken,
        retry: { baseDelay: 1, maxDelay: 10 },
        ...clientOptions,
      } as SalesforceOptions)
      clients.push(sf)
      return { fake, sf }
    },
  }
}

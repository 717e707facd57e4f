import type { Client, HttpError, NotFoundError } from 'isosdk'

/** What the SPA puts on `window.app` for the Playwright test to evaluate in the page. */
export interface AppGlobals {
  client: Client
  NotFoundError: typeof NotFoundError
  HttpError: typeof HttpError
  /** The error the page's own 404 call got. */
  lastNotFound?: unknown
}

export type AppWindow = Window & { app: AppGlobals }

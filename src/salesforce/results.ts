import type { SaveError } from './schemas.js'

export type { SaveError }

/** The outcome of a single-record write. */
export interface RecordResult {
  /** The record's id (for an upsert answered 204 by an old API version: the `Id` you passed, or `''`). */
  id: string
  success: boolean
  errors: SaveError[]
  /** `true` when the write created the record. */
  created: boolean
}

/** One record's outcome in a list write; results come back in input order, one per record. */
export interface SaveResult {
  /** Position of the record in the list you passed. */
  index: number
  id: string | null
  success: boolean
  errors: SaveError[]
  created: boolean
  /** When the record's whole request failed (network, 5xx, auth, abort): the error, also summarised in `errors`. */
  error?: Error
  /**
   * `true` when the request carrying the record was sent and then lost (a dropped connection, a
   * timeout, an abort mid-flight): Salesforce may have applied it. Check (query by an external
   * id) before sending such a record again; a plain failure (`success: false` without it) was not applied.
   */
  indeterminate?: boolean
}

import * as v from 'valibot'
import { OperationFailedError, TimeoutError } from '../core/errors.js'
import { wait, type PollSource } from '../core/poll.js'
import type { Client } from '../core/types.js'
import type { JobState } from './schemas.js'

/** Polling options shared by the Bulk API 2.0 functions. */
export interface JobWaitOptions<J> {
  /** ms to wait for the job before a `TimeoutError` (the job keeps running on Salesforce). Default 30 minutes. */
  timeout?: number
  /** ms between status polls. Default 2_000. */
  interval?: number
  signal?: AbortSignal
  /** After each status poll: the job as Salesforce reports it. May be async (the next poll waits); a throw or rejection rejects the call. */
  onProgress?: (job: J) => void
}

const FINAL: readonly JobState[] = ['JobComplete', 'Failed', 'Aborted']

/**
 * Polls a Bulk API 2.0 job (`GET {path}`) with the core's `wait` until it is `JobComplete`;
 * `Failed` / `Aborted` reject with an `OperationFailedError` carrying the job.
 */
export async function _waitForJob<J extends { id: string; state: JobState; errorMessage?: string | null | undefined }>(
  client: Client<'salesforce'>,
  path: string,
  schema: v.GenericSchema<unknown, J>,
  options: JobWaitOptions<J>,
  operation: 'bulkIngest' | 'bulkQuery',
): Promise<J> {
  const kind = operation === 'bulkIngest' ? 'Bulk ingest' : 'Bulk query'
  let last: J | undefined
  const source: PollSource<J> = {
    async poll(signal) {
      const job = await client.request({ operation, path, schema, signal })
      last = job
      if (!FINAL.includes(job.state)) return { done: false, status: job.state }
      if (job.state === 'JobComplete') return { done: true, status: job.state, value: job }
      const reason = job.errorMessage ? `: ${job.errorMessage}` : ''
      return { done: true, status: job.state, error: new OperationFailedError(`${kind} job ${job.id} ${job.state === 'Failed' ? 'failed' : 'was aborted'}${reason}`, { operation: job }) }
    },
  }
  const timeout = options.timeout ?? 30 * 60_000
  try {
    return await wait(client, source, {
      interval: options.interval ?? 2_000,
      timeout,
      signal: options.signal,
      onProgress: async () => {
        if (last) await options.onProgress?.(last)
      },
    }).result()
  } catch (error) {
    if (error instanceof TimeoutError && last) {
      throw new TimeoutError(`${kind} job ${last.id} did not finish within ${timeout} ms (state ${last.state}); it keeps running on Salesforce`, { lastStatus: last, cause: error })
    }
    throw error
  }
}

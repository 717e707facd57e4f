import type { Progress } from '../core/types.js'
import { mapConcurrent } from '../index.js'
import type { Todo } from './schemas.js'
import { createTodo, type CreateTodoInput } from './todos.js'
import type { BloomyClient } from './_internal.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'

/** One input that could not be created: its position, the input itself and why. */
export interface BulkFailure<I> {
  index: number
  input: I
  error: Error
}

/** Every success (in input order) and every failure: nothing is lost. */
export interface BulkResult<T, I> {
  successful: T[]
  failed: BulkFailure<I>[]
}

export interface BulkOptions {
  /** Creations in flight at once. Default 5 (as the Python SDK's `max_concurrent`). */
  concurrency?: number
  /** After each item: `{ done, total, failed }`. May be async; a throw or rejection stops the items not started and rejects the call. */
  onProgress?: (progress: Progress) => void
  /** Stops starting new items; items not started are reported as failed with an `AbortError`. */
  signal?: AbortSignal
  /** ms per request attempt. */
  timeout?: number
}

const BULK_KEYS: OptionKeys<BulkOptions> = { concurrency: 1, onProgress: 1, signal: 1, timeout: 1 }

/**
 * Creates many todos concurrently, best effort. An input that fails validation or that the API
 * refuses is reported in `failed` with its index and input; the others still go through.
 * The current user (the default owner) is looked up once.
 *
 * @example
 * const { successful, failed } = await createTodos(bloom, [
 *   { title: 'Send deck', meetingId: 123 },
 *   { title: 'Book venue', dueDate: '2025-06-01' },
 * ], { concurrency: 5, onProgress: (p) => console.log(`${p.done}/${p.total}`) })
 * for (const f of failed) console.warn(f.index, f.input.title, f.error.message)
 */
export async function createTodos(
  client: BloomyClient,
  inputs: readonly CreateTodoInput[],
  options?: BulkOptions,
): Promise<BulkResult<Todo, CreateTodoInput>> {
  checkOptionKeys('createTodos', options, BULK_KEYS)
  const outcomes = await mapConcurrent(
    inputs,
    (input, _index, signal) => createTodo(client, input, { signal, timeout: options?.timeout }),
    { concurrency: options?.concurrency ?? 5, signal: options?.signal, onProgress: options?.onProgress, settle: true },
  )
  const result: BulkResult<Todo, CreateTodoInput> = { successful: [], failed: [] }
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') result.successful.push(outcome.value)
    else {
      const error = outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason))
      result.failed.push({ index, input: inputs[index] as CreateTodoInput, error })
    }
  })
  return result
}

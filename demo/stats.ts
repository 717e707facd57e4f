import type { Hooks } from 'isosdk'

/** Counts what one task's clients did, through the core's hooks (the only place they are seen). */
export interface TaskStats {
  calls: number
  retries: number
  hooks: Hooks
}

export function createStats(): TaskStats {
  const stats: TaskStats = {
    calls: 0,
    retries: 0,
    hooks: {
      onRequest: () => void stats.calls++,
      onRetry: () => void stats.retries++,
    },
  }
  return stats
}

/** What a task reports for the closing table. */
export interface TaskResult {
  summary: string
  /** The same work done one call at a time, when the task measured it. */
  sequentialMs?: number
  concurrentMs?: number
}

export interface DemoTask {
  name: string
  run(ctx: { stats: TaskStats; progress: (text: string) => void }): Promise<TaskResult>
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const value = await fn()
  return [value, performance.now() - started]
}

// `npm run demo`: the five fakes on 127.0.0.1, then a guided tour of each SDK, side by side.
// Always the fakes: nothing in the environment points the demo at a real service (it writes
// hundreds of records; test/docs/demo.test.ts checks that it stays on its own servers).
import { createBoard, ms, table } from './ui.js'
import { createStats, type DemoTask, type TaskResult } from './stats.js'
import { tasks } from './tasks/index.js'

async function main() {
  const started = performance.now()
  console.log('isosdk demo — five SDKs, one fetch-only core, against fakes on 127.0.0.1\n')
  const board = createBoard(tasks.map((t) => t.name))
  const outcomes = await Promise.all(
    tasks.map(async (task: DemoTask, index) => {
      const line = board.line(index)
      const stats = createStats()
      try {
        const result = await task.run({ stats, progress: line.update })
        line.done(result.summary)
        return { task, stats, result, error: undefined }
      } catch (error) {
        line.fail(`failed: ${(error as Error).message}`)
        return { task, stats, result: undefined as TaskResult | undefined, error: error as Error }
      }
    }),
  )
  const rows = outcomes.map(({ task, stats, result, error }) => [
    task.name,
    String(stats.calls),
    String(stats.retries),
    ms(result?.sequentialMs),
    ms(result?.concurrentMs),
    error ? 'FAILED' : result?.sequentialMs && result.concurrentMs ? `${(result.sequentialMs / result.concurrentMs).toFixed(1)}×` : '—',
  ])
  console.log(`\n${table(['task', 'calls', 'retries', 'sequential', 'concurrent', 'speed-up'], rows)}`)
  console.log(`\nTotal: ${outcomes.reduce((n, o) => n + o.stats.calls, 0)} calls, ${outcomes.reduce((n, o) => n + o.stats.retries, 0)} retries, ${ms(performance.now() - started)} wall time.`)
  const failed = outcomes.filter((o) => o.error)
  for (const { task, error } of failed) console.error(`\n${task.name} failed:`, error)
  process.exitCode = failed.length ? 1 : 0
}

await main()

/** Spawning the built `isosdk` bin and reading what it prints, with every wait bounded. */
import { spawn, type ChildProcess } from 'node:child_process'

export interface RunningCli {
  child: ChildProcess
  /** Every stdout line so far. */
  lines: string[]
  stderr(): string
  /** Resolves the first line (past or future) matching `pattern`; rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>
  /** Resolves the exit code (a signal name when killed by one); rejects after `ms`. */
  exited(ms?: number): Promise<number | string>
}

export function startCli(command: string, args: string[], options: { cwd?: string; detached?: boolean } = {}): RunningCli {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached ?? false, env: { ...process.env, NO_COLOR: '1' } })
  const lines: string[] = []
  let err = ''
  let partial = ''
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = []
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk
    const parts = partial.split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve(line)
        }
      }
    }
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
  })
  const exit = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  const bounded = <T>(promise: Promise<T>, ms: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms; stdout:\n${lines.join('\n')}\nstderr:\n${err}`)), ms)
      promise.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      )
    })
  return {
    child,
    lines,
    stderr: () => err,
    waitFor(pattern, ms = 30_000) {
      const seen = lines.find((line) => pattern.test(line))
      if (seen !== undefined) return Promise.resolve(seen)
      return bounded(new Promise<string>((resolve) => waiters.push({ pattern, resolve })), ms, `no line matching ${pattern}`)
    },
    exited(ms = 15_000) {
      return bounded(exit, ms, 'the CLI did not exit')
    },
  }
}

/** The `<service> <url>` lines of the text start-up summary, as a map. */
export function servedURLs(lines: readonly string[]): Record<string, string> {
  const urls: Record<string, string> = {}
  for (const line of lines) {
    const m = /^(workiva|salesforce|folio|bloomy|wikijs) +(http:\/\/127\.0\.0\.1:\d+)$/.exec(line)
    if (m) urls[m[1]!] = m[2]!
  }
  return urls
}

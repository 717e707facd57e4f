// Long-lived child processes speaking one JSON line per plan (node-child.mjs, deno-child.mjs).
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Member, PlanResult } from './scenarios.js'

export interface Child extends Member {
  stop(): Promise<void>
}

/** Starts a child and resolves once it printed `ready` (bounded by `timeout`). */
export async function startChild(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<Child> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000)
  })
  const lines = createInterface({ input: child.stdout! })
  const waiting: ((line: string) => void)[] = []
  const early: string[] = []
  lines.on('line', (line) => {
    const next = waiting.shift()
    if (next) next(line)
    else early.push(line)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const nextLine = (timeout: number) =>
    new Promise<string>((resolve, reject) => {
      const line = early.shift()
      if (line !== undefined) return resolve(line)
      const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')}: no answer within ${timeout} ms\n${stderr}`)), timeout)
      void exited.then(() => reject(new Error(`${command} exited (${child.exitCode ?? child.signalCode}):\n${stderr}`)))
      waiting.push((l) => {
        clearTimeout(timer)
        resolve(l)
      })
    })
  const ready = await nextLine(options.timeout ?? 30_000)
  if (ready !== 'ready') throw new Error(`${command}: expected "ready", got ${ready}\n${stderr}`)
  return {
    async run(plan) {
      child.stdin!.write(`${JSON.stringify(plan)}\n`)
      return JSON.parse(await nextLine(30_000)) as PlanResult
    },
    async stop() {
      child.stdin!.end()
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
      await exited
      clearTimeout(timer)
    },
  }
}

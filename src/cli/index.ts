#!/usr/bin/env node
// The `isosdk` bin (package.json "bin"): `npx isosdk fake <service|all> …`.
import { runCli } from './main.js'

const io = {
  out: (line: string) => void process.stdout.write(`${line}\n`),
  err: (line: string) => void process.stderr.write(`${line}\n`),
  onStop(stop: () => void) {
    const once = () => {
      process.off('SIGINT', once)
      process.off('SIGTERM', once)
      stop()
    }
    process.on('SIGINT', once)
    process.on('SIGTERM', once)
  },
}

runCli(process.argv.slice(2), io).then(
  (code) => {
    // Exit explicitly: a peer dependency may leave a handle open after the servers closed.
    process.stdout.write('', () => process.exit(code))
  },
  (error: unknown) => {
    process.stderr.write(`isosdk: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`, () => process.exit(1))
  },
)

/** `isosdk`'s entry: parses the arguments and runs the command; bad arguments exit 2 with the usage. */
import { parseCommand, USAGE, UsageError } from './args.js'
import { runFake, type CliIO } from './fake.js'

/**
 * Runs `isosdk` with `argv` (without `node` and the script); resolves the exit code.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), io)
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let command
  try {
    command = parseCommand(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`isosdk: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (command.command === 'help') {
    io.out(USAGE)
    return 0
  }
  return runFake(command, io)
}

/**
 * The smoke script on Node through CommonJS `require`, as a CJS user of the published package
 * writes it. e2e/run.sh bundles this file (with `isosdk` left external, so the `require` calls
 * stay) next to the installed packed package and runs it on Node 20, 22 and 24.
 *
 *   FAKE_API_URL=http://127.0.0.1:4010 node cjs.cjs
 */
const { formatReport, runSmoke } = require('../smoke.js') as typeof import('../smoke.js')
const core = require('isosdk') as typeof import('isosdk')
const auth = require('isosdk/auth') as typeof import('isosdk/auth')
const { otel } = require('isosdk/otel') as typeof import('isosdk/otel')
const otelApi = require('@opentelemetry/api') as typeof import('@opentelemetry/api')

async function main(): Promise<void> {
  const api = process.env.FAKE_API_URL ?? process.argv[2]
  if (!api) throw new Error('usage: FAKE_API_URL=http://127.0.0.1:PORT node cjs.cjs')
  const resolvedFrom = require.resolve('isosdk')
  console.log(`isosdk from ${resolvedFrom}`)
  const report = await runSmoke({ core, auth, otel: { otel, api: otelApi } }, api, { label: 'node cjs', resolvedFrom })
  console.log(formatReport(report))
  process.exitCode = report.ok ? 0 : 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})

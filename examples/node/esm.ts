/**
 * The smoke script on Node (and Bun) through ESM `import`, as a user of the published package
 * writes it. e2e/run.sh installs the packed package into a temp folder, bundles this file next
 * to it with `isosdk` left external, and runs it on Node 20, 22 and 24 (and Bun runs it as is).
 *
 *   FAKE_API_URL=http://127.0.0.1:4010 node esm.mjs
 */
import * as core from 'isosdk'
import * as auth from 'isosdk/auth'
import { otel } from 'isosdk/otel'
import * as api from '@opentelemetry/api'
import { formatReport, runSmoke } from '../smoke.js'

const apiURL = process.env.FAKE_API_URL ?? process.argv[2]
if (!apiURL) throw new Error('usage: FAKE_API_URL=http://127.0.0.1:PORT node esm.mjs')

const resolvedFrom = import.meta.resolve('isosdk')
console.log(`isosdk from ${resolvedFrom}`)
const report = await runSmoke({ core, auth, otel: { otel, api } }, apiURL, { label: `${process.versions.bun ? 'bun' : 'node'} esm`, resolvedFrom })
console.log(formatReport(report))
process.exitCode = report.ok ? 0 : 1

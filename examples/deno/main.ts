/**
 * The smoke script on Deno, importing the package exactly as a Deno user does: `npm:` specifiers,
 * resolved from the npm registry in `NPM_CONFIG_REGISTRY` (e2e/run.sh points it at a verdaccio on
 * 127.0.0.1 holding the packed package).
 *
 *   NPM_CONFIG_REGISTRY=http://127.0.0.1:4873 deno run --no-config --minimum-dependency-age=0 \
 *     --allow-net=127.0.0.1 --allow-env=FAKE_API_URL examples/deno/main.ts
 *
 * `--no-config`: a script in a plain folder has no package.json; this one lives in the repo,
 * whose package.json would switch Deno to node_modules mode.
 */
import * as core from 'npm:isosdk'
import * as auth from 'npm:isosdk/auth'
import { otel } from 'npm:isosdk/otel'
import * as otelApi from 'npm:@opentelemetry/api@1'
// @ts-ignore: Deno imports TypeScript files by their real name; the repo's tsconfig does not allow `.ts` suffixes.
import { formatReport, runSmoke } from '../smoke.ts'

const api = Deno.env.get('FAKE_API_URL') ?? Deno.args[0]
if (!api) throw new Error('usage: FAKE_API_URL=http://127.0.0.1:PORT deno run … main.ts')

const resolvedFrom = import.meta.resolve('npm:isosdk') // a file in Deno's npm cache
console.log(`isosdk from ${resolvedFrom}`)
const report = await runSmoke({ core, auth, otel: { otel, api: otelApi } }, api, { label: 'deno', resolvedFrom })
console.log(formatReport(report))
Deno.exitCode = report.ok ? 0 : 1

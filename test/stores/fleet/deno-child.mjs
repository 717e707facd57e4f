// A Deno process of the Deno KV fleet: the built package, a KV file shared with the other process,
// plans on stdin (one JSON line each), results on stdout.
import { createClient } from '../../../dist/index.js'
import { oauthClientCredentials } from '../../../dist/auth/index.js'
import { denoKvRateLimitStore, denoKvTokenStore } from '../../../dist/stores/index.js'
import { runPlan } from './plan.mjs'

const kv = await Deno.openKv(Deno.args[0])
const encoder = new TextEncoder()
const write = (text) => Deno.stdout.write(encoder.encode(`${text}\n`))
await write('ready')
let buffered = ''
for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
  buffered += chunk
  let newline
  while ((newline = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, newline)
    buffered = buffered.slice(newline + 1)
    if (!line.trim()) continue
    const plan = JSON.parse(line)
    const rate = denoKvRateLimitStore(kv, { prefix: plan.prefix })
    const token = denoKvTokenStore(kv, { prefix: plan.prefix })
    await write(JSON.stringify(await runPlan(plan, { createClient, oauthClientCredentials, rate, token })))
  }
}
kv.close()

// A Node process of the Redis fleet: the built package, a node-redis client, plans on stdin (one
// JSON line each), results on stdout.
import { createInterface } from 'node:readline'
import { createClient as createRedis } from 'redis'
import { createClient } from '../../../dist/index.js'
import { oauthClientCredentials } from '../../../dist/auth/index.js'
import { redisRateLimitStore, redisTokenStore } from '../../../dist/stores/index.js'
import { runPlan } from './plan.mjs'

const redis = createRedis({ url: process.argv[2] })
redis.on('error', () => {})
await redis.connect()
process.stdout.write('ready\n')
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue
  const plan = JSON.parse(line)
  const rate = redisRateLimitStore(redis, { prefix: `${plan.prefix}:{rl}:` })
  const token = redisTokenStore(redis, { prefix: `${plan.prefix}:token:` })
  const result = await runPlan(plan, { createClient, oauthClientCredentials, rate, token })
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
await redis.close()

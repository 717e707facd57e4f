// The Worker of the Durable Object fleet (bundled with esbuild from the built package): POST a plan,
// get its result. Every Worker bound to LIMITER shares one RateLimitObject per plan prefix.
import { createClient } from '../../../dist/index.js'
import { oauthClientCredentials } from '../../../dist/auth/index.js'
import { durableObjectRateLimitStore, durableObjectTokenStore } from '../../../dist/stores/index.js'
import { runPlan } from './plan.mjs'

export { RateLimitObject } from '../../../dist/stores/index.js'

export default {
  async fetch(request, env) {
    const plan = await request.json()
    const rate = durableObjectRateLimitStore(env.LIMITER, { name: plan.prefix })
    const token = durableObjectTokenStore(env.LIMITER, { name: plan.prefix })
    return Response.json(await runPlan(plan, { createClient, oauthClientCredentials, rate, token }))
  },
}

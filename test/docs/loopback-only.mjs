// Preloaded (`node --import`) into every doc snippet that runs, and into the demo under test:
// `fetch` may reach loopback only, so code that would talk to a real service fails instead.
// msw, when a snippet starts it, intercepts before this check (its handlers answer any origin).
const original = globalThis.fetch
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/

globalThis.fetch = function loopbackOnlyFetch(input, init) {
  const url = new URL(input instanceof Request ? input.url : String(input))
  if (!LOOPBACK.test(url.hostname)) {
    return Promise.reject(new TypeError(`tried to reach ${url.origin}: this process may only talk to loopback (the fakes on 127.0.0.1)`))
  }
  return original(input, init)
}

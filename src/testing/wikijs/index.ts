export { wikijsFake, type WikijsFake, type WikijsFakeOptions } from './fake.js'
export { WIKIJS_SDL } from './sdl.js'
export type { WikijsFakeState, WikijsFakePage, WikijsFakeTag, WikijsFakeUser, WikijsFakeVersion, WikijsFakeApiKey, WikijsFakeSiteConfig } from './state.js'

export { undiciTransport, type UndiciTransport, type UndiciTransportOptions } from './undici-transport.js'

/**
 * For the repo's own `tsc` only (Deno never loads this file): what `examples/deno/main.ts`
 * uses from Deno, and its `npm:` specifiers mapped to the package's types.
 */
declare module 'npm:isosdk' {
  export * from 'isosdk'
}
declare module 'npm:isosdk/auth' {
  export * from 'isosdk/auth'
}
declare module 'npm:isosdk/otel' {
  export * from 'isosdk/otel'
}
declare module 'npm:@opentelemetry/api@1' {
  export * from '@opentelemetry/api'
  export { default } from '@opentelemetry/api'
}
declare namespace Deno {
  const args: string[]
  let exitCode: number
  const env: { get(name: string): string | undefined }
  const version: { deno: string }
}

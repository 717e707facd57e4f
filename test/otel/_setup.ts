// What the otel tests share: an SDK with in-memory span and metric readers, the W3C propagator,
// an AsyncLocalStorage context manager (what @opentelemetry/context-async-hooks provides; that
// package is not installed here), and ways to read what was recorded.
import { AsyncLocalStorage } from 'node:async_hooks'
import { ROOT_CONTEXT, context, propagation, type Attributes, type Context, type ContextManager } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { MeterProvider, MetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type Sampler } from '@opentelemetry/sdk-trace-base'
import { otel, type OtelOptions } from '../../src/otel/index.js'

/** The active context follows async calls, as in a Node service with the SDK's default manager. */
class AsyncLocalStorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>()
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args))
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target
    const run = (...args: unknown[]) => this.with(ctx, () => (target as (...a: unknown[]) => unknown)(...args))
    return run as T
  }
  enable(): this {
    return this
  }
  disable(): this {
    this.storage.disable()
    return this
  }
}

class PullReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

context.setGlobalContextManager(new AsyncLocalStorageContextManager())
propagation.setGlobalPropagator(new W3CTraceContextPropagator())

export interface Recorder {
  /** `otel()` wired to this recorder's tracer and meter. */
  telemetry(options?: Omit<OtelOptions, 'tracer' | 'meter'>): ReturnType<typeof otel>
  /** A tracer of the same provider, for the caller's own spans. */
  tracer: ReturnType<BasicTracerProvider['getTracer']>
  /** Finished spans in the order they ended. */
  spans(): ReadableSpan[]
  /** Data points of each metric, by name (cumulative since the recorder was made). */
  metrics(): Promise<Map<string, DataPoint<number | Histogram>[]>>
}

/** A fresh SDK per test: spans and metrics of one scenario only. */
export function createRecorder(options: { sampler?: Sampler } = {}): Recorder {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ sampler: options.sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const reader = new PullReader()
  const meterProvider = new MeterProvider({ readers: [reader] })
  return {
    telemetry: (options) => otel({ ...options, tracer: provider.getTracer('isosdk'), meter: meterProvider.getMeter('isosdk') }),
    tracer: provider.getTracer('test'),
    spans: () => exporter.getFinishedSpans(),
    async metrics() {
      const { resourceMetrics, errors } = await reader.collect()
      if (errors.length > 0) throw errors[0]
      const out = new Map<string, DataPoint<number | Histogram>[]>()
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) out.set(metric.descriptor.name, [...(out.get(metric.descriptor.name) ?? []), ...(metric.dataPoints as DataPoint<number | Histogram>[])])
      }
      return out
    },
  }
}

/** The spans whose parent is `parent` (by span id), in the order they started. */
export function childrenOf(spans: ReadableSpan[], parent: ReadableSpan): ReadableSpan[] {
  return spans
    .filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
}

/** Every string in every attribute and event of every span, with where it was. */
export function everyRecordedText(spans: ReadableSpan[]): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = []
  const add = (where: string, attributes: Attributes | undefined) => {
    for (const [key, value] of Object.entries(attributes ?? {})) out.push({ where: `${where} ${key}`, text: String(value) })
  }
  for (const span of spans) {
    out.push({ where: `${span.name} name`, text: span.name })
    if (span.status.message) out.push({ where: `${span.name} status`, text: span.status.message })
    add(span.name, span.attributes)
    for (const event of span.events) {
      out.push({ where: `${span.name} event`, text: event.name })
      add(`${span.name} event ${event.name}`, event.attributes)
    }
    for (const link of span.links) add(`${span.name} link`, link.attributes)
  }
  return out
}

// The OpenTelemetry setup the overhead of `otel()` is measured with: what a service runs in
// production (the SDK's tracer with every span sampled, a BatchSpanProcessor, a MeterProvider
// aggregating every point), minus the export itself, which runs off the request path: the
// exporter discards each batch.
import { ExportResultCode } from '@opentelemetry/core'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base'
import { loadIsosdk } from './load.js'

class DiscardingExporter implements SpanExporter {
  spans = 0
  export(spans: ReadableSpan[], done: (result: { code: ExportResultCode }) => void): void {
    this.spans += spans.length
    done({ code: ExportResultCode.SUCCESS })
  }
  async shutdown(): Promise<void> {}
}

/** A reader nobody collects from: points are still aggregated when recorded, as with any reader. */
class IdleReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

type Telemetry = ReturnType<NonNullable<Awaited<ReturnType<typeof loadIsosdk>>['otel']>>

/** `otel()` on a recording SDK (`sdk: true`), or on the API alone with nothing registered (no-ops). */
export async function benchTelemetry(sdk: boolean): Promise<{ telemetry: Telemetry; exported(): number }> {
  const { otel } = await loadIsosdk()
  if (!otel) throw new Error('isosdk/otel is missing')
  if (!sdk) return { telemetry: otel(), exported: () => 0 }
  const exporter = new DiscardingExporter()
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 8_192, maxExportBatchSize: 512, scheduledDelayMillis: 200 })] })
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] })
  return { telemetry: otel({ tracer: tracerProvider.getTracer('isosdk'), meter: meterProvider.getMeter('isosdk') }), exported: () => exporter.spans }
}

// Shared by every client here: NpmClient copies it beside each client's scripts.
// OpenTelemetry export to Loupe: OTLP/protobuf over HTTP with the project's Basic key pair,
// one span at a time, and a line "ROOT <name> traceId=<id>" for each root span ended.
import { NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';

export function startTracing(serviceName) {
  const [baseUrl, publicKey, secretKey] = process.argv.slice(2);
  if (!baseUrl || !publicKey || !secretKey) {
    console.error('usage: node <script> <loupe base url> <public key> <secret key>');
    process.exit(2);
  }
  const auth = 'Basic ' + Buffer.from(`${publicKey}:${secretKey}`).toString('base64');
  const exporter = new OTLPTraceExporter({
    url: `${baseUrl}/api/public/otel/v1/traces`,
    headers: { Authorization: auth },
  });
  const roots = {
    onStart() {},
    onEnd(span) {
      const parent = span.parentSpanContext ?? span.parentSpanId;
      if (!parent) console.log(`ROOT ${span.name} traceId=${span.spanContext().traceId}`);
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter), roots],
  });
  provider.register();
  return provider;
}

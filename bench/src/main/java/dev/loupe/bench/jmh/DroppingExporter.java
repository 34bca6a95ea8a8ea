package dev.loupe.bench.jmh;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A span exporter that counts what the batch processor hands it and sends nothing, so a benchmark
 * measures the caller's thread and not the network. It runs on the batch processor's thread.
 */
final class DroppingExporter implements SpanExporter {
  private final AtomicLong exported = new AtomicLong();

  long exported() {
    return exported.get();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    exported.addAndGet(spans.size());
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}

package dev.loupe.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM's and the process's meters: Micrometer's binders (memory pools, GC, threads, class
 * loading, CPU, uptime, open files) and the resident set size, which none of them reports and which
 * is what a container's memory limit counts.
 */
final class ProcessMeters {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMeters() {}

  /** Binds them; the returned GC meters must be closed with the registry. */
  static AutoCloseable bind(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    if (residentBytes() >= 0) {
      Gauge.builder("process.resident.memory", ProcessMeters::residentBytes)
          .description("Resident set size of the process (Linux: VmRSS)")
          .baseUnit("bytes")
          .register(registry);
    }
    return gc;
  }

  /** VmRSS from {@code /proc/self/status}, or -1 where there is none (not Linux). */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or an unexpected format
    }
    return -1;
  }
}

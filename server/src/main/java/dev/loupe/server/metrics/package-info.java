/**
 * The server's meters (Micrometer) and their Prometheus text, served by {@code GET /metrics}: the
 * ingest wires' spans received, acknowledged and rejected by reason; HTTP latency per route; the
 * ingest budget; the pipeline's log and applier; the store; the JVM and the process. {@link
 * dev.loupe.server.metrics.ServerMetrics} is the one entry; the rest is package-private.
 */
@NullMarked
package dev.loupe.server.metrics;

import org.jspecify.annotations.NullMarked;

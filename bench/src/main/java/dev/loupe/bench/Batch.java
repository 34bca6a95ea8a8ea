package dev.loupe.bench;

import java.util.List;

/** One export request (protobuf) and the traces in it. */
record Batch(byte[] body, List<String> traceIds) {
  long spans() {
    return traceIds.size() * (long) AgentTraceGenerator.SPANS_PER_TRACE;
  }
}

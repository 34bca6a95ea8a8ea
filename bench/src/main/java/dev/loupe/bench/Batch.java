package dev.loupe.bench;

import java.util.ArrayList;
import java.util.List;

/** One export request (protobuf) and the traces in it. */
record Batch(byte[] body, List<String> traceIds) {
  static Batch next(AgentTraceGenerator gen, int spans) {
    List<String> ids = new ArrayList<>();
    synchronized (gen) {
      return new Batch(gen.request(spans, System.currentTimeMillis() * 1_000_000L, ids), ids);
    }
  }

  long spans() {
    return traceIds.size() * (long) AgentTraceGenerator.SPANS_PER_TRACE;
  }
}

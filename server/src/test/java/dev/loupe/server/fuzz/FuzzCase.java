package dev.loupe.server.fuzz;

import java.util.List;
import java.util.Map;

/**
 * One request the fuzzer sends and what must hold for its answer.
 *
 * @param id lane and position ({@code L2#137}): with the seed, it names the case exactly
 * @param kind what was done to the body, e.g. {@code otlp-json item startTimeUnixNano=1e400}
 * @param good the valid items the body carries beside the bad ones
 */
record FuzzCase(
    String id,
    String kind,
    String path,
    Map<String, String> headers,
    byte[] body,
    Framing framing,
    Expect expect,
    List<GoodTrace> good) {

  enum Expect {
    /**
     * A well-formed body whose bad parts are confined to single spans or events: answered 2xx, and
     * every good item is stored and readable.
     */
    KEEPS_GOOD,
    /** Broken beyond one item (framing, syntax, envelope, encoding): any answer but a 5xx. */
    NO_5XX
  }

  /** A trace the body writes and the observation ids in it that must be stored. */
  record GoodTrace(String traceId, List<String> observationIds) {}

  static final String OTLP_PATH = "/api/public/otel/v1/traces";
  static final String INGESTION_PATH = "/api/public/ingestion";
}

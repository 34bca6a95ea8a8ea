package dev.loupe.ingest.langfuse;

import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Small batch bodies for tests; every event carries {@link #EVENT_TIME}. */
final class Batches {
  static final String PROJECT = "proj-1";
  static final String EVENT_TIME_WIRE = "2024-05-01T12:00:00.000Z";
  static final Instant EVENT_TIME = Instant.parse(EVENT_TIME_WIRE);

  private Batches() {}

  static BatchResult ingest(String... events) {
    return new LangfuseBatchIngest().ingest(PROJECT, batch(events));
  }

  static byte[] batch(String... events) {
    return ("{\"batch\": [" + String.join(",", events) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  /** One event JSON with the given id, type and body (JSON text). */
  static String event(String id, String type, String body) {
    return "{\"id\": \""
        + id
        + "\", \"type\": \""
        + type
        + "\", \"timestamp\": \""
        + EVENT_TIME_WIRE
        + "\", \"body\": "
        + body
        + "}";
  }

  static byte[] resource(String name) {
    try (InputStream in = Batches.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

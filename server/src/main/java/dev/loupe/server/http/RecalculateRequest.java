package dev.loupe.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The optional body of a re-pricing request: {@code {"fromTimestamp": ISO-8601, "toTimestamp":
 * ISO-8601}}; an empty body or a missing bound means no bound.
 */
record RecalculateRequest(@Nullable Instant from, @Nullable Instant to) {
  RecalculateRequest {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("fromTimestamp must be before toTimestamp");
    }
  }

  static RecalculateRequest read(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) return new RecalculateRequest(null, null);
    JsonNode o;
    try {
      o = Json.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("body: malformed JSON: " + e.getMessage());
    }
    if (!o.isObject()) throw new IllegalArgumentException("body: must be a JSON object");
    return new RecalculateRequest(instant(o, "fromTimestamp"), instant(o, "toTimestamp"));
  }

  private static @Nullable Instant instant(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": not an ISO-8601 instant: " + v.asText());
    }
  }
}

package dev.loupe.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.query.JsonFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
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
    JsonFields fields = JsonFields.forBody();
    ObjectNode o = fields.parseObject(text);
    fields.onlyKeys(o, "", Set.of("fromTimestamp", "toTimestamp"));
    return new RecalculateRequest(
        fields.optionalInstant(o, "fromTimestamp", ""),
        fields.optionalInstant(o, "toTimestamp", ""));
  }
}

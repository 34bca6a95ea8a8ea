package dev.loupe.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.logging.Level;

/**
 * Encodes values the way the Langfuse SDKs put them on the wire: a string is sent as is, anything
 * else as JSON text.
 */
final class JsonText {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private JsonText() {}

  /** The wire text of {@code value}: strings raw, others JSON, unserializable ones as toString. */
  static String of(Object value) {
    if (value instanceof String s) return s;
    return json(value);
  }

  /** Always JSON, also for strings (for JSON-object attributes such as usage details). */
  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException | RuntimeException e) {
      Safely.LOG.log(
          Level.WARNING,
          "Loupe: cannot encode a {0} as JSON ({1}); sending toString()",
          new Object[] {value.getClass().getName(), e.getMessage()});
      return String.valueOf(value);
    }
  }
}

package dev.loupe.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Typed field reads from a JSON tree; errors name where the field is and what is wrong. */
final class JsonFields {
  private JsonFields() {}

  static <E extends Enum<E>> E enumValue(Class<E> type, String name, String where) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where
              + " must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(v -> v.name().toLowerCase(Locale.ROOT))
                  .toList()
              + ", not "
              + name.toLowerCase(Locale.ROOT),
          e);
    }
  }

  static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": " + field + " must be a non-empty string");
    }
    return v.asText();
  }

  static @Nullable String optionalText(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual())
      throw new IllegalArgumentException(where + ": " + field + " must be a string");
    return v.asText();
  }

  static BigDecimal number(@Nullable JsonNode v, String where) {
    if (v == null || !v.isNumber()) throw new IllegalArgumentException(where + " must be a number");
    return v.decimalValue();
  }

  static Instant instant(String s, String where) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + " is not an ISO-8601 instant: " + s, e);
    }
  }

  static LocalDate date(String s, String where) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + " is not a date (yyyy-mm-dd): " + s, e);
    }
  }
}

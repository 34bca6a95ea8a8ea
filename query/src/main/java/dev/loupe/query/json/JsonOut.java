package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.model.Json;
import dev.loupe.storage.Page;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** Streaming JSON helpers shared by the response writers. */
final class JsonOut {
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private JsonOut() {}

  /** Writes one JSON value. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** Writes one item of a list. */
  interface Item<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  static byte[] bytes(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** ISO-8601 UTC with milliseconds, or microseconds when the instant has them. */
  static String time(Instant t) {
    return (t.getNano() % 1_000_000 == 0 ? MILLIS : MICROS).format(t);
  }

  static void time(JsonGenerator g, String field, @Nullable Instant t) throws IOException {
    if (t == null) g.writeNullField(field);
    else g.writeStringField(field, time(t));
  }

  /** Stored JSON text written as JSON (not as a string); null as null. */
  static void raw(JsonGenerator g, String field, @Nullable String json) throws IOException {
    g.writeFieldName(field);
    if (json == null) g.writeNull();
    else g.writeRawValue(json);
  }

  static void string(JsonGenerator g, String field, @Nullable String value) throws IOException {
    if (value == null) g.writeNullField(field);
    else g.writeStringField(field, value);
  }

  /** A duration as seconds, exact to the microsecond ({@code 1.25}); null as null. */
  static void seconds(JsonGenerator g, String field, @Nullable Duration d) throws IOException {
    if (d == null) g.writeNullField(field);
    else decimal(g, field, seconds(d));
  }

  /** Exact for any duration: a row stored with an absurd time has one far beyond a long's nanos. */
  static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds())
        .add(BigDecimal.valueOf(d.getNano() / 1_000, 6))
        .stripTrailingZeros();
  }

  /** A decimal in plain notation (no exponent); null as null. */
  static void decimal(JsonGenerator g, String field, @Nullable BigDecimal value)
      throws IOException {
    g.writeFieldName(field);
    if (value == null) g.writeNull();
    else g.writeNumber(value.toPlainString());
  }

  /** {@code {"data": [...], "meta": {page, limit, totalItems, totalPages}}}. */
  static <T> byte[] page(Page<T> page, Item<T> item) {
    return bytes(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          for (T t : page.items()) item.write(g, t);
          g.writeEndArray();
          g.writeObjectFieldStart("meta");
          g.writeNumberField("page", page.page());
          g.writeNumberField("limit", page.limit());
          g.writeNumberField("totalItems", page.totalItems());
          g.writeNumberField("totalPages", page.totalPages());
          g.writeEndObject();
          g.writeEndObject();
        });
  }
}

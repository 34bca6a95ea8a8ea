package dev.loupe.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * JSON text helpers for payload fields (input, output, metadata, model parameters), which the model
 * keeps as compact JSON text so that every backend stores and returns exactly what was normalized.
 */
public final class Json {
  /** Shared mapper; thread-safe once configured. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /**
   * Any Jackson-serializable value as compact JSON text: strings, maps, lists and trees of plain
   * values by {@link CompactJson} (the same text, several times faster for the small objects ingest
   * writes per span), anything else by {@link #MAPPER}.
   */
  public static @Nullable String write(@Nullable Object value) {
    if (value == null) return null;
    String compact = CompactJson.write(value);
    if (compact != null) return compact;
    return jackson(value);
  }

  /** {@code value} as {@link #MAPPER} writes it. */
  static String jackson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serializable as JSON: " + e.getMessage(), e);
    }
  }

  /** A JSON string literal, as {@link #MAPPER} writes it. */
  public static String quote(String s) {
    return JsonStrings.quote(s);
  }

  /**
   * Parses JSON text; throws {@link IllegalArgumentException} naming the problem when it is not
   * JSON.
   */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The last object text {@link #mergeObjects} found to be what merging it with itself gives (its
   * own compact writing): a trace's rows carry the same metadata one after another, and comparing
   * the text costs less than parsing and writing it again for each.
   */
  private static volatile @Nullable String lastCanonical;

  /**
   * Merges two JSON objects, keys of {@code newer} winning; a null side returns the other.
   * Non-object text on either side: {@code newer} wins.
   */
  public static @Nullable String mergeObjects(@Nullable String older, @Nullable String newer) {
    if (older == null) return newer;
    if (newer == null) return older;
    if (older.equals(newer)) { // the same object merged with itself (a trace's spans)
      if (newer.equals(lastCanonical)) return newer;
      JsonNode b = parse(newer);
      if (!(b instanceof ObjectNode)) return newer;
      String merged = write(b);
      if (merged.equals(newer)) lastCanonical = newer;
      return merged;
    }
    JsonNode a = parse(older);
    JsonNode b = parse(newer);
    if (!(a instanceof ObjectNode ao) || !(b instanceof ObjectNode bo)) return newer;
    ObjectNode merged = ao.deepCopy();
    merged.setAll(bo);
    return write(merged);
  }
}

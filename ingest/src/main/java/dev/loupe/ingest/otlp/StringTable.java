package dev.loupe.ingest.otlp;

import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.FrameworkAttributes;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.LemmaAttributes;
import dev.loupe.semconv.ObservationTypeValues;
import dev.loupe.semconv.OpenInferenceAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Short strings of a request by their UTF-8 bytes, so that the decoder hands out one {@code String}
 * per distinct attribute key or short value instead of one per occurrence: a 512-span request
 * repeats the same twenty keys, models, types and user ids in every span. It starts with every
 * attribute name and value of {@code dev.loupe.semconv}, so a known key decodes to the very
 * constant the normalizer looks it up with (an identity hit in the attribute map), and learns the
 * others as they come, up to {@link #MAX_LEARNED}. Open addressing on a power-of-two array. One per
 * request: not thread-safe.
 */
final class StringTable {
  /** Strings of more bytes are not looked up. */
  static final int MAX_BYTES = 64;

  /** Strings learned per request beyond the known ones; after that, misses are just misses. */
  static final int MAX_LEARNED = 1024;

  private static final StringTable KNOWN = known();

  private byte[][] keys;
  private String[] values;
  private int count;
  private int learned;

  private StringTable(int capacity) {
    keys = new byte[capacity][];
    values = new String[capacity];
  }

  /** A table for one request: the known strings, nothing learned yet. */
  static StringTable forRequest() {
    StringTable t = new StringTable(KNOWN.keys.length);
    System.arraycopy(KNOWN.keys, 0, t.keys, 0, KNOWN.keys.length);
    System.arraycopy(KNOWN.values, 0, t.values, 0, KNOWN.values.length);
    t.count = KNOWN.count;
    return t;
  }

  /** The string whose UTF-8 is {@code bytes[at, at + length)}, when the table has it. */
  @Nullable String find(byte[] bytes, int at, int length) {
    int mask = keys.length - 1;
    for (int i = hash(bytes, at, length) & mask; ; i = (i + 1) & mask) {
      byte[] k = keys[i];
      if (k == null) return null;
      if (k.length == length && Arrays.equals(k, 0, length, bytes, at, at + length)) {
        return values[i];
      }
    }
  }

  /** Learns {@code s}, read from {@code bytes[at, at + length)}, unless the table is full. */
  void learn(String s, byte[] bytes, int at, int length) {
    if (learned >= MAX_LEARNED) return;
    learned++;
    put(Arrays.copyOfRange(bytes, at, at + length), s);
  }

  private void put(byte[] utf8, String s) {
    if (2 * (count + 1) > keys.length) grow();
    int mask = keys.length - 1;
    int i = hash(utf8, 0, utf8.length) & mask;
    while (keys[i] != null) {
      if (Arrays.equals(keys[i], utf8)) return;
      i = (i + 1) & mask;
    }
    keys[i] = utf8;
    values[i] = s;
    count++;
  }

  private void grow() {
    byte[][] oldKeys = keys;
    String[] oldValues = values;
    keys = new byte[oldKeys.length * 2][];
    values = new String[oldKeys.length * 2];
    count = 0;
    for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != null) put(oldKeys[i], oldValues[i]);
  }

  private static int hash(byte[] bytes, int at, int length) {
    int h = length;
    for (int i = at, end = at + length; i < end; i++) h = 31 * h + bytes[i];
    return h ^ (h >>> 16);
  }

  /** Every public string constant of the semantic-convention classes, up to {@link #MAX_BYTES}. */
  private static StringTable known() {
    StringTable t = new StringTable(1024);
    for (Class<?> c :
        new Class<?>[] {
          CommonAttributes.class,
          FrameworkAttributes.class,
          GenAiAttributes.class,
          LangfuseAttributes.class,
          LemmaAttributes.class,
          ObservationTypeValues.class,
          OpenInferenceAttributes.class,
          VercelAiAttributes.class
        }) {
      for (Field f : c.getFields()) {
        if (f.getType() != String.class || !Modifier.isStatic(f.getModifiers())) continue;
        try {
          String s = (String) f.get(null);
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          if (utf8.length <= MAX_BYTES) t.put(utf8, s);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return t;
  }
}

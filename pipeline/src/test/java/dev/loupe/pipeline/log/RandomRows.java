package dev.loupe.pipeline.log;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.model.UsageScope;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Rows with every field drawn at random (nulls, empty and unicode text, extreme instants, decimals
 * of any scale and sign), from a seed, for the codec's round-trip property. A seed gives the same
 * rows in every build: {@code records-v1.bin} holds the version-1 encoding of some, so a change to
 * what is drawn, or in which order, needs that file written again by a version-1 encoder.
 */
final class RandomRows {
  private static final String[] TEXT = {
    "",
    "a",
    "hello world",
    "ünïcødé",
    "日本語のテキスト",
    "emoji 🦜🔥",
    "{\"k\":[1,2,{\"x\":null}]}",
    "\u0000nul"
  };
  private static final Instant[] EXTREME = {
    Instant.EPOCH,
    Instant.parse("1969-12-31T23:59:59.999999Z"),
    Instant.parse("2554-07-21T23:34:33.709551Z"),
    Instant.MIN,
    Instant.MAX
  };

  private final Random random;

  RandomRows(long seed) {
    random = new Random(seed);
  }

  WriteBatch batch() {
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) traces.add(trace());
    for (int i = random.nextInt(8); i > 0; i--) observations.add(observation());
    return WriteBatch.of(traces, observations);
  }

  Trace trace() {
    List<String> tags = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) tags.add(text());
    return new Trace(
        id(),
        id(),
        maybe(),
        instant(),
        maybe(),
        maybe(),
        tags,
        maybe(),
        maybe(),
        maybe(),
        random.nextBoolean() ? "default" : text(),
        maybe(),
        maybe(),
        random.nextBoolean());
  }

  Observation observation() {
    Map<String, Long> usage = new HashMap<>();
    for (int i = random.nextInt(5); i > 0; i--) usage.put(text() + i, random.nextLong());
    Map<String, BigDecimal> costs = new HashMap<>();
    for (int i = random.nextInt(5); i > 0; i--) costs.put(text() + i, decimal());
    Map<String, String> notes = new HashMap<>();
    for (int i = random.nextInt(4); i > 0; i--) notes.put(text() + i, text());
    return new Observation(
        id(),
        id(),
        id(),
        maybe(),
        pick(ObservationType.values()),
        maybe(),
        instant(),
        random.nextBoolean() ? instant() : null,
        random.nextBoolean() ? instant() : null,
        pick(Level.values()),
        maybe(),
        maybe(),
        maybe(),
        maybe(),
        maybe(),
        maybe(),
        usage,
        costs,
        pick(CostSource.values()),
        maybe(),
        random.nextBoolean() ? "default" : text(),
        maybe(),
        maybe(),
        maybe(),
        random.nextBoolean() ? random.nextInt() : null,
        notes,
        pick(UsageScope.values()));
  }

  private BigDecimal decimal() {
    BigInteger unscaled = new BigInteger(1 + random.nextInt(130), random);
    if (random.nextBoolean()) unscaled = unscaled.negate();
    return new BigDecimal(unscaled, random.nextInt(40) - 5);
  }

  private Instant instant() {
    if (random.nextInt(10) == 0) return EXTREME[random.nextInt(EXTREME.length)];
    return Instant.ofEpochSecond(
        1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
  }

  private String id() {
    return "id-" + text() + "-" + Long.toHexString(random.nextLong());
  }

  private @Nullable String maybe() {
    return random.nextInt(3) == 0 ? null : text();
  }

  private String text() {
    int kind = random.nextInt(20);
    if (kind == 0 && random.nextInt(10) == 0) return "x".repeat(random.nextInt(200_000)); // large
    if (kind == 1) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(50); i > 0; i--) s.appendCodePoint(random.nextInt(0x10FFFF));
      return s.toString().replaceAll("[\\uD800-\\uDFFF]", "?");
    }
    return TEXT[random.nextInt(TEXT.length)];
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}

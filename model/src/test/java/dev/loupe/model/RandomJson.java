package dev.loupe.model;

import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Generated strings and value trees for comparing JSON writers with Jackson. */
final class RandomJson {
  private static final String ALPHABET =
      "aZ09 /\"\\\u007f\u0080\u00e9\u00ff\u0100\u2028\u4e2d\uffff";
  private static final double[] DOUBLES = {
    0.0,
    -0.0,
    1.0,
    0.1,
    0.2,
    1e7,
    1e-3,
    9.999999e6,
    1e21,
    1e-7,
    123456789.125,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    Double.MIN_NORMAL,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    2e-323,
    4.35,
    1.0E23
  };

  private RandomJson() {}

  /**
   * Up to {@code maxLength} characters: printable ASCII, controls, escapes, non-ASCII, surrogates.
   */
  static String string(SplittableRandom random, int maxLength) {
    int n = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(n);
    int kind = random.nextInt(4); // 0: plain ASCII only, others: mixed
    for (int i = 0; i < n; i++) {
      int r = kind == 0 ? 0 : random.nextInt(10);
      switch (r) {
        case 0, 1, 2, 3 -> s.append((char) (0x20 + random.nextInt(0x5f)));
        case 4 -> s.append((char) random.nextInt(0x20));
        case 5 -> s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 6 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
        case 7 -> s.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
        case 8 -> s.append((char) random.nextInt(0x10000));
        default -> s.append(random.nextBoolean() ? '"' : '\\');
      }
    }
    return s.toString();
  }

  /** A value tree of maps, lists and leaves, at most {@code depth} levels of containers. */
  static Object tree(SplittableRandom random, int depth) {
    int r = random.nextInt(depth > 0 ? 14 : 11);
    return switch (r) {
      case 0 -> string(random, 12);
      case 1 -> random.nextLong() >> random.nextInt(64);
      case 2 -> random.nextInt();
      case 3 ->
          random.nextBoolean() ? DOUBLES[random.nextInt(DOUBLES.length)] : randomDouble(random);
      case 4 -> random.nextBoolean() ? (float) randomDouble(random) : Float.NaN;
      case 5 -> new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(-30, 30));
      case 6 -> new BigInteger(random.nextInt(1, 200), new java.util.Random(random.nextLong()));
      case 7 -> random.nextBoolean();
      case 8 -> new RawValue("{\"raw\":[1,2]}");
      case 9 -> Json.MAPPER.valueToTree(tree(random, Math.max(depth - 1, 0)));
      case 10 -> string(random, 3);
      case 11, 12 -> map(random, depth - 1);
      default -> list(random, depth - 1);
    };
  }

  private static double randomDouble(SplittableRandom random) {
    return switch (random.nextInt(3)) {
      case 0 -> Double.longBitsToDouble(random.nextLong());
      case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 25));
      default -> Math.round(random.nextDouble() * 1e6) / 1e3;
    };
  }

  private static Map<String, Object> map(SplittableRandom random, int depth) {
    int n = random.nextInt(6);
    Map<String, Object> m = random.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(string(random, 8), random.nextInt(8) == 0 ? null : tree(random, depth));
    }
    return random.nextInt(4) == 0 ? java.util.Collections.unmodifiableMap(m) : m;
  }

  private static List<Object> list(SplittableRandom random, int depth) {
    int n = random.nextInt(6);
    List<Object> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) l.add(random.nextInt(8) == 0 ? null : tree(random, depth));
    return random.nextBoolean() ? l : java.util.Collections.unmodifiableList(l);
  }
}

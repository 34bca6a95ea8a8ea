package dev.loupe.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (version 0.0.4), for tests: every line is a {@code
 * # HELP}, a {@code # TYPE} or a sample of the family last typed; names, label names and values
 * must be well-formed, else it throws naming the line.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)");
  private static final Map<String, Set<String>> SUFFIXES =
      Map.of(
          "counter", Set.of("", "_total"),
          "gauge", Set.of(""),
          "untyped", Set.of(""),
          "histogram", Set.of("_bucket", "_count", "_sum"),
          "summary", Set.of("", "_count", "_sum"));

  record Sample(String name, Map<String, String> labels, double value) {}

  final List<Sample> samples;
  final Map<String, String> types;

  private PrometheusText(List<Sample> samples, Map<String, String> types) {
    this.samples = samples;
    this.types = types;
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    String family = null;
    String type = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) continue;
      if (line.startsWith("# HELP ")) continue;
      if (line.startsWith("#")) {
        Matcher m = TYPE.matcher(line);
        if (!m.matches()) throw bad(n, line, "a comment that is neither HELP nor TYPE");
        family = m.group(1);
        type = m.group(2);
        if (!NAME.matcher(family).matches()) throw bad(n, line, "a bad metric name");
        if (types.put(family, type) != null) throw bad(n, line, "a family typed twice");
        continue;
      }
      Sample s = sample(n, line);
      if (family == null || !belongs(s.name, family, type))
        throw bad(n, line, "a sample outside the family typed before it (" + family + ")");
      samples.add(s);
    }
    return new PrometheusText(samples, types);
  }

  private static boolean belongs(String name, String family, String type) {
    for (String suffix : SUFFIXES.get(type)) {
      if (name.equals(family + suffix)) return true;
    }
    return false;
  }

  private static Sample sample(int n, String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
    String name = line.substring(0, i);
    if (!NAME.matcher(name).matches()) throw bad(n, line, "a bad metric name");
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq);
        if (!LABEL.matcher(label).matches()) throw bad(n, line, "a bad label name " + label);
        if (line.charAt(eq + 1) != '"') throw bad(n, line, "an unquoted label value");
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char e = line.charAt(++j);
            value.append(
                switch (e) {
                  case '\\' -> '\\';
                  case '"' -> '"';
                  case 'n' -> '\n';
                  default -> throw bad(n, line, "a bad escape \\" + e);
                });
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null)
          throw bad(n, line, "label " + label + " twice");
        i = j + 1;
        if (line.charAt(i) == ',') i++;
      }
      i++;
    }
    if (i >= line.length() || line.charAt(i) != ' ') throw bad(n, line, "no value");
    String[] rest = line.substring(i + 1).split(" ");
    if (rest.length > 2) throw bad(n, line, "more than a value and a timestamp");
    return new Sample(name, labels, value(n, line, rest[0]));
  }

  private static double value(int n, String line, String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw bad(n, line, "a value that is not a number");
        }
      }
    };
  }

  private static IllegalArgumentException bad(int n, String line, String what) {
    return new IllegalArgumentException("line " + n + " has " + what + ": " + line);
  }

  /**
   * The sum of the samples named {@code name} whose labels include {@code labels} (name, value,
   * ...); 0 when there are none.
   */
  double sum(String name, String... labels) {
    double total = 0;
    for (Sample s : matching(name, labels)) total += s.value;
    return total;
  }

  List<Sample> matching(String name, String... labels) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (!s.name.equals(name)) continue;
      boolean all = true;
      for (int k = 0; k < labels.length; k += 2) {
        if (!labels[k + 1].equals(s.labels.get(labels[k]))) all = false;
      }
      if (all) out.add(s);
    }
    return out;
  }
}

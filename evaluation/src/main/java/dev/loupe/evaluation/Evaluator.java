package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to score (Langfuse's evaluator): an LLM judge (a prompt template with {@code {{variable}}}s,
 * the output it must give, the connection and model it calls) or a code check. Which objects it
 * scores is a rule's job ({@link EvalRule}).
 *
 * @param connection the judge connection's name (Langfuse's {@code modelConfig.provider})
 * @param model the model to ask, or null for the connection's
 */
public record Evaluator(
    String projectId,
    String id,
    String name,
    Type type,
    @Nullable String prompt,
    OutputDefinition output,
    @Nullable String connection,
    @Nullable String model,
    @Nullable CodeCheck check,
    Instant createdAt,
    Instant updatedAt) {

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");

  /** An evaluator's engine. */
  public enum Type {
    LLM_AS_JUDGE,
    CODE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Type fromWire(String v) {
      for (Type t : values()) if (t.wire().equals(v)) return t;
      throw new IllegalArgumentException("type: llm_as_judge or code, got '" + v + "'");
    }
  }

  public Evaluator {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    Names.check("name", name);
    requireNonNull(type, "type");
    requireNonNull(output, "output");
    if (type == Type.LLM_AS_JUDGE) {
      if (prompt == null || prompt.isBlank())
        throw new IllegalArgumentException("prompt: an llm_as_judge evaluator needs a prompt");
      if (connection == null || connection.isBlank())
        throw new IllegalArgumentException(
            "modelConfig.provider: the name of a judge connection of the project is required");
      check = null;
    } else {
      if (check == null)
        throw new IllegalArgumentException("check: a code evaluator needs a check");
      output = OutputDefinition.passFail();
      prompt = null;
      connection = null;
      model = null;
    }
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  /** The prompt's variables, in order of first use (none for a code check). */
  public List<String> variables() {
    if (prompt == null) return List.of();
    LinkedHashSet<String> names = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(prompt);
    while (m.find()) names.add(m.group(1));
    return List.copyOf(names);
  }

  /** The prompt with each {@code {{variable}}} replaced by its value. */
  String render(java.util.Map<String, String> values) {
    Matcher m = VARIABLE.matcher(requireNonNull(prompt));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}

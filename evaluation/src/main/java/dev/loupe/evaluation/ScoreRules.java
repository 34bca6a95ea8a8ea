package dev.loupe.evaluation;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreInput;
import dev.loupe.model.ScoreSource;
import java.time.Instant;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The rules that make a {@link ScoreInput} a {@link Score} (Langfuse's): a violation throws {@link
 * IllegalArgumentException} whose message starts with the field it is about.
 *
 * <ul>
 *   <li>With a {@code configId}: the config exists in the project and is not archived, the score's
 *       name is the config's, a {@code dataType} sent is the config's, and the config's type is the
 *       score's. A NUMERIC value is within the config's {@code minValue}..{@code maxValue}; a
 *       CATEGORICAL label is one of its categories, whose number becomes the value.
 *   <li>Without one: the {@code dataType} sent, else the value decides (a number is NUMERIC, a
 *       string CATEGORICAL).
 *   <li>NUMERIC and BOOLEAN values are numbers (BOOLEAN 1 or 0); CATEGORICAL and TEXT values are
 *       strings (TEXT 1 to 500 characters).
 *   <li>An ANNOTATION needs a {@code configId}.
 * </ul>
 */
final class ScoreRules {
  private ScoreRules() {}

  /**
   * The score the input makes, created and updated {@code now}.
   *
   * @param config the config the input names (null when it names none)
   */
  static Score apply(ScoreInput in, @Nullable ScoreConfig config, Instant now) {
    if (in.source() == ScoreSource.ANNOTATION && in.configId() == null) {
      throw new IllegalArgumentException("configId: an ANNOTATION score needs a score config");
    }
    ScoreDataType type = type(in, config);
    return switch (type) {
      case NUMERIC -> in.toScore(type, inRange(number(in, type), config), null, now);
      case BOOLEAN -> {
        double v = number(in, type);
        if (v != 0 && v != 1) {
          throw new IllegalArgumentException(
              "value: a BOOLEAN score is 1 or 0, got " + Score.plain(v));
        }
        yield in.toScore(type, v, null, now);
      }
      case CATEGORICAL -> {
        String label = text(in, type);
        yield in.toScore(type, config == null ? 0.0 : category(label, config).value(), label, now);
      }
      case TEXT -> {
        String text = text(in, type);
        int length = text.codePointCount(0, text.length());
        if (length > Score.MAX_TEXT_LENGTH) {
          throw new IllegalArgumentException(
              "value: a TEXT score is 1 to "
                  + Score.MAX_TEXT_LENGTH
                  + " characters, got "
                  + length);
        }
        yield in.toScore(type, null, text, now);
      }
    };
  }

  private static ScoreDataType type(ScoreInput in, @Nullable ScoreConfig config) {
    if (config == null) {
      if (in.dataType() != null) return in.dataType();
      return in.number() != null ? ScoreDataType.NUMERIC : ScoreDataType.CATEGORICAL;
    }
    if (config.archived()) {
      throw new IllegalArgumentException(
          "configId: score config '" + config.id() + "' is archived and takes no new scores");
    }
    if (!config.name().equals(in.name())) {
      throw new IllegalArgumentException(
          "name: must be the config's name '" + config.name() + "', got '" + in.name() + "'");
    }
    if (in.dataType() != null && in.dataType() != config.dataType()) {
      throw new IllegalArgumentException(
          "dataType: the config is " + config.dataType() + ", got " + in.dataType());
    }
    return config.dataType();
  }

  private static double number(ScoreInput in, ScoreDataType type) {
    if (in.number() == null) {
      throw new IllegalArgumentException(
          "value: a " + type + " score takes a number, got the string '" + in.text() + "'");
    }
    if (!Double.isFinite(in.number())) throw new IllegalArgumentException("value: is not finite");
    return in.number();
  }

  private static String text(ScoreInput in, ScoreDataType type) {
    if (in.text() == null) {
      throw new IllegalArgumentException(
          "value: a " + type + " score takes a string, got the number " + Score.plain(in.number()));
    }
    if (in.text().isEmpty()) throw new IllegalArgumentException("value: is empty");
    return in.text();
  }

  private static double inRange(double v, @Nullable ScoreConfig config) {
    if (config == null) return v;
    if (config.minValue() != null && v < config.minValue()) {
      throw new IllegalArgumentException(
          "value: "
              + Score.plain(v)
              + " is below the config's minValue "
              + Score.plain(config.minValue()));
    }
    if (config.maxValue() != null && v > config.maxValue()) {
      throw new IllegalArgumentException(
          "value: "
              + Score.plain(v)
              + " is above the config's maxValue "
              + Score.plain(config.maxValue()));
    }
    return v;
  }

  private static ScoreCategory category(String label, ScoreConfig config) {
    ScoreCategory c = config.category(label);
    if (c != null) return c;
    throw new IllegalArgumentException(
        "value: '"
            + label
            + "' is not a category of score config '"
            + config.name()
            + "' ("
            + config.categories().stream()
                .map(ScoreCategory::label)
                .collect(Collectors.joining(", "))
            + ")");
  }
}

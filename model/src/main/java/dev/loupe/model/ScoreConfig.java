package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A project's definition of one score: its name, data type and allowed values. Scores that name it
 * ({@code configId}) must match it. An archived config stays readable but takes no new scores.
 *
 * <ul>
 *   <li>Name: 1 to {@value #MAX_NAME_LENGTH} characters of letters, digits, spaces and {@code _ . (
 *       ) -} (Langfuse's rule).
 *   <li>{@code NUMERIC}: optional {@code minValue} ≤ {@code maxValue}; no categories.
 *   <li>{@code CATEGORICAL}: one or more categories, labels and values each unique; no range.
 *   <li>{@code BOOLEAN}: categories are always {@code True}=1 and {@code False}=0 (any sent are
 *       replaced); no range.
 *   <li>{@code TEXT}: neither categories nor range.
 * </ul>
 *
 * A violation throws {@link IllegalArgumentException} naming the field.
 */
public record ScoreConfig(
    String projectId,
    String id,
    String name,
    ScoreDataType dataType,
    boolean archived,
    @Nullable Double minValue,
    @Nullable Double maxValue,
    List<ScoreCategory> categories,
    @Nullable String description,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_NAME_LENGTH = 35;

  /** The categories of every BOOLEAN config. */
  public static final List<ScoreCategory> BOOLEAN_CATEGORIES =
      List.of(new ScoreCategory(1, Score.TRUE), new ScoreCategory(0, Score.FALSE));

  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_ .()\\-]+");

  public ScoreConfig {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("id: is blank");
    requireNonNull(name, "name");
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: 1 to "
              + MAX_NAME_LENGTH
              + " letters, digits, spaces, underscores, periods, parentheses or hyphens, got '"
              + name
              + "'");
    }
    requireNonNull(dataType, "dataType");
    categories = categories == null ? List.of() : List.copyOf(categories);
    createdAt = Times.micros(requireNonNull(createdAt, "createdAt"));
    updatedAt = Times.micros(requireNonNull(updatedAt, "updatedAt"));
    if (dataType != ScoreDataType.NUMERIC && (minValue != null || maxValue != null)) {
      throw new IllegalArgumentException(
          (minValue != null ? "minValue" : "maxValue") + ": only NUMERIC configs have a range");
    }
    if (minValue != null && !Double.isFinite(minValue))
      throw new IllegalArgumentException("minValue: is not finite");
    if (maxValue != null && !Double.isFinite(maxValue))
      throw new IllegalArgumentException("maxValue: is not finite");
    if (minValue != null && maxValue != null && minValue > maxValue) {
      throw new IllegalArgumentException(
          "minValue: "
              + Score.plain(minValue)
              + " is greater than maxValue "
              + Score.plain(maxValue));
    }
    switch (dataType) {
      case BOOLEAN -> categories = BOOLEAN_CATEGORIES;
      case CATEGORICAL -> checkCategories(categories);
      case NUMERIC, TEXT -> {
        if (!categories.isEmpty()) {
          throw new IllegalArgumentException(
              "categories: only CATEGORICAL configs have categories");
        }
      }
    }
  }

  /** The category with this label, or null. */
  public @Nullable ScoreCategory category(String label) {
    for (ScoreCategory c : categories) if (c.label().equals(label)) return c;
    return null;
  }

  private static void checkCategories(List<ScoreCategory> categories) {
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("categories: a CATEGORICAL config needs at least one");
    }
    Set<String> labels = new HashSet<>();
    Set<Double> values = new HashSet<>();
    for (int i = 0; i < categories.size(); i++) {
      ScoreCategory c = categories.get(i);
      if (!labels.add(c.label())) {
        throw new IllegalArgumentException(
            "categories[" + i + "].label: '" + c.label() + "' appears twice");
      }
      if (!values.add(c.value())) {
        throw new IllegalArgumentException(
            "categories[" + i + "].value: " + Score.plain(c.value()) + " appears twice");
      }
    }
  }
}

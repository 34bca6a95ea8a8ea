package dev.loupe.storage.alerts;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An alert rule of one project: every {@code interval}, the {@code query}'s value over the last
 * {@code window} is compared with the {@code threshold}; a breach that lasts {@code forDuration}
 * (zero: at once) fires, and the {@code channelIds} are notified when it fires and when it
 * resolves.
 *
 * @param window 10 seconds to 31 days: the value is over {@code [now - window, now)}
 * @param interval 1 second to 1 day between evaluations
 * @param forDuration 0 to 7 days: how long the value must breach before the rule fires (PENDING
 *     meanwhile)
 * @param channelIds up to {@value #MAX_CHANNELS} distinct channel ids of the same project
 * @param enabled a disabled rule is not evaluated and keeps its last status
 */
public record AlertRule(
    String projectId,
    String id,
    String name,
    @Nullable String description,
    AlertQuery query,
    Comparison comparison,
    double threshold,
    Duration window,
    Duration interval,
    Duration forDuration,
    NoDataPolicy noData,
    List<String> channelIds,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_CHANNELS = 10;
  public static final int MAX_NAME = 200;
  public static final Duration MIN_WINDOW = Duration.ofSeconds(10);
  public static final Duration MAX_WINDOW = Duration.ofDays(31);
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofDays(1);
  public static final Duration MAX_FOR = Duration.ofDays(7);

  public AlertRule {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(query, "query");
    requireNonNull(comparison, "comparison");
    requireNonNull(window, "window");
    requireNonNull(interval, "interval");
    requireNonNull(forDuration, "for");
    requireNonNull(noData, "noData");
    channelIds = List.copyOf(requireNonNull(channelIds, "channelIds"));
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    if (id.isBlank() || id.length() > 200) throw new IllegalArgumentException("id: 1-200 chars");
    if (name.isBlank()) throw new IllegalArgumentException("name: must not be blank");
    if (name.length() > MAX_NAME)
      throw new IllegalArgumentException("name: longer than " + MAX_NAME + " characters");
    if (!Double.isFinite(threshold))
      throw new IllegalArgumentException("threshold: must be a finite number");
    between("window", window, MIN_WINDOW, MAX_WINDOW);
    between("interval", interval, MIN_INTERVAL, MAX_INTERVAL);
    between("for", forDuration, Duration.ZERO, MAX_FOR);
    if (channelIds.size() > MAX_CHANNELS)
      throw new IllegalArgumentException("channelIds: more than " + MAX_CHANNELS);
    if (new HashSet<>(channelIds).size() != channelIds.size())
      throw new IllegalArgumentException("channelIds: a channel is listed twice");
  }

  private static void between(String field, Duration d, Duration min, Duration max) {
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          field
              + ": must be "
              + Durations.format(min)
              + " to "
              + Durations.format(max)
              + ", got "
              + Durations.format(d));
    }
  }

  /** Whether a value breaches the threshold. */
  public boolean breaches(double value) {
    return comparison.holds(value, threshold);
  }

  /** {@code errors avg > 0.05}, as a person reads the condition. */
  public String condition() {
    return query.metric().aggregation().wireName()
        + "("
        + query.metric().measure().wireName()
        + ") "
        + comparison.wireName()
        + " "
        + Durations.number(threshold);
  }
}

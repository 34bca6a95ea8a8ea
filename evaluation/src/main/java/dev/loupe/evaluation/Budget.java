package dev.loupe.evaluation;

import dev.loupe.storage.EvaluationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Each rule's judge calls in the last hour and day, against its {@code maxCallsPerHour} / {@code
 * maxCallsPerDay}. Kept in memory; after a restart a rule's window starts from the attempts its
 * jobs recorded in the last hour and day (counted as made at the restart: the budget errs on the
 * side of fewer calls).
 */
final class Budget {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);

  private final EvaluationStore store;
  private final Map<String, Deque<Instant>> calls = new HashMap<>();

  Budget(EvaluationStore store) {
    this.store = store;
  }

  /** Takes one call from the rule's budget at {@code now}; false when it is used up. */
  synchronized boolean take(EvalRule rule, Instant now) {
    if (rule.maxCallsPerHour() == null && rule.maxCallsPerDay() == null) return true;
    Deque<Instant> window =
        calls.computeIfAbsent(rule.projectId() + "/" + rule.id(), k -> seed(rule, now));
    while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(DAY))) window.pollFirst();
    if (rule.maxCallsPerDay() != null && window.size() >= rule.maxCallsPerDay()) return false;
    if (rule.maxCallsPerHour() != null) {
      Instant hourAgo = now.minus(HOUR);
      long lastHour = window.stream().filter(t -> t.isAfter(hourAgo)).count();
      if (lastHour >= rule.maxCallsPerHour()) return false;
    }
    window.addLast(now);
    return true;
  }

  private Deque<Instant> seed(EvalRule rule, Instant now) {
    Deque<Instant> window = new ArrayDeque<>();
    long hour = store.attemptsSince(rule.projectId(), rule.id(), now.minus(HOUR));
    long day = store.attemptsSince(rule.projectId(), rule.id(), now.minus(DAY));
    Instant older = now.minus(HOUR);
    for (long i = hour; i < day; i++) window.addLast(older);
    for (long i = 0; i < hour; i++) window.addLast(now);
    return window;
  }
}

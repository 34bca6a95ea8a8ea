package dev.loupe.alerting;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Project;
import dev.loupe.storage.AlertStore;
import dev.loupe.storage.ProjectStore;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every project's enabled rules on their intervals, inside the server process. A ticker
 * thread wakes every {@code tick}, reads the rules and their stored statuses and hands each due
 * rule (never evaluated, or last evaluated at least {@code interval} ago) to a small, bounded pool
 * of {@code workers} threads; a rule already being evaluated is not queued again, and when the
 * queue is full the rule simply waits for the next tick. Workers only read (the analytics store's
 * read connections, never the ingest writer) and store the rule's status, so alerts never slow
 * ingest down. Statuses are stored: after a restart a pending breach keeps its start and a firing
 * alert is not announced again.
 *
 * <pre>{@code
 * try (AlertScheduler s = new AlertScheduler(projects, alerts, evaluator, notifier, clock, Options.defaults())) {
 *   s.start();
 * }
 * }</pre>
 */
public final class AlertScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertScheduler.class);

  /** How often due rules are looked for, how many evaluate at once, how many may wait. */
  public record Options(Duration tick, int workers, int queue) {
    public Options {
      requireNonNull(tick, "tick");
      if (tick.isNegative() || tick.isZero()) throw new IllegalArgumentException("tick <= 0");
      if (workers < 1) throw new IllegalArgumentException("workers < 1");
      if (queue < 1) throw new IllegalArgumentException("queue < 1");
    }

    /** A tick of 1 s, 2 workers, 1,000 waiting rules. */
    public static Options defaults() {
      return new Options(Duration.ofSeconds(1), 2, 1_000);
    }
  }

  private final ProjectStore projects;
  private final AlertStore store;
  private final Evaluator evaluator;
  private final Notifier notifier;
  private final Clock clock;
  private final Options options;
  private final ScheduledExecutorService ticker;
  private final ThreadPoolExecutor workers;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicLong evaluations = new AtomicLong();

  public AlertScheduler(
      ProjectStore projects,
      AlertStore store,
      Evaluator evaluator,
      Notifier notifier,
      Clock clock,
      Options options) {
    this.projects = requireNonNull(projects, "projects");
    this.store = requireNonNull(store, "store");
    this.evaluator = requireNonNull(evaluator, "evaluator");
    this.notifier = requireNonNull(notifier, "notifier");
    this.clock = requireNonNull(clock, "clock");
    this.options = requireNonNull(options, "options");
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("loupe-alerts-tick").daemon().factory());
    this.workers =
        new ThreadPoolExecutor(
            options.workers(),
            options.workers(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(options.queue()),
            Thread.ofPlatform().name("loupe-alerts-eval-", 0).daemon().factory(),
            new ThreadPoolExecutor.AbortPolicy());
  }

  /** Starts ticking; the first tick is at once. */
  public void start() {
    ticker.scheduleWithFixedDelay(
        this::tickSafely, 0, options.tick().toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(
        "alert scheduler started: tick {} ms, {} workers",
        options.tick().toMillis(),
        options.workers());
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("alert tick failed; next tick retries: {}", e.toString());
    }
  }

  /** Queues every due rule of every project. */
  void tick() {
    Instant now = clock.instant();
    for (Project p : projects.projects()) {
      List<AlertRule> rules = store.listRules(p.id());
      if (rules.isEmpty()) continue;
      java.util.Map<String, AlertStatus> statuses = new java.util.HashMap<>();
      for (AlertStatus s : store.listStatuses(p.id())) statuses.put(s.ruleId(), s);
      for (AlertRule rule : rules) {
        AlertStatus s = statuses.get(rule.id());
        boolean due = s == null || !now.isBefore(s.evaluatedAt().plus(rule.interval()));
        if (rule.enabled() && due) submit(rule);
      }
    }
  }

  private void submit(AlertRule rule) {
    String key = rule.projectId() + "\u0000" + rule.id();
    if (!inFlight.add(key)) return;
    try {
      workers.execute(
          () -> {
            try {
              evaluate(rule);
            } catch (RuntimeException e) {
              LOG.warn(
                  "evaluating rule {} of {} failed: {}", rule.id(), rule.projectId(), e.toString());
            } finally {
              inFlight.remove(key);
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.remove(key); // full or closed: the next tick tries again
    }
  }

  /**
   * Evaluates one rule now: stores its next status (and the history event when its state changed)
   * and, when it fired or resolved, notifies its channels in the background.
   */
  public Transitions.Step evaluate(AlertRule rule) {
    Instant now = clock.instant();
    // the rule may have changed or gone since the tick read it
    Optional<AlertRule> current = store.getRule(rule.projectId(), rule.id());
    if (current.isEmpty()) throw new IllegalStateException("rule " + rule.id() + " was deleted");
    rule = current.get();
    @Nullable AlertStatus previous = store.getStatus(rule.projectId(), rule.id()).orElse(null);
    Evaluation e = evaluator.evaluate(rule, now);
    Transitions.Step step =
        Transitions.next(rule, previous, e, now, () -> UUID.randomUUID().toString());
    store.putStatus(step.status(), step.event());
    evaluations.incrementAndGet();
    AlertEvent event = step.event();
    if (event != null && event.notification() != null) {
      List<AlertChannel> channels = new ArrayList<>();
      for (String id : rule.channelIds()) {
        Optional<AlertChannel> c = store.getChannel(rule.projectId(), id);
        if (c.isPresent()) channels.add(c.get());
        else LOG.warn("rule {} names channel {}, which is gone", rule.id(), id);
      }
      notifier.notifyInBackground(Notice.of(UUID.randomUUID().toString(), rule, event), channels);
    }
    return step;
  }

  /** Evaluations done since start. */
  public long evaluations() {
    return evaluations.get();
  }

  /** Stops ticking and waits briefly for running evaluations; queued ones are dropped. */
  @Override
  public void close() {
    ticker.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "AlertScheduler{" + options + "}";
  }
}

package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.Score;
import dev.loupe.model.ScoreInput;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import dev.loupe.storage.EvalJob;
import dev.loupe.storage.EvaluationStore;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceStore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every project's enabled rules on the server, apart from ingest: one scheduler thread scans
 * each rule's new data every {@code pollInterval} ({@link RuleScan}: jobs are rows, so nothing is
 * lost across restarts) and hands its due jobs to workers on virtual threads, at most {@code
 * concurrency} per rule and {@code maxConcurrentCalls} in all. A worker judges (a code check, or an
 * LLM judge call), stores the score through {@link Scores} ({@code source: EVAL}, its id derived
 * from rule and target, so a re-run overwrites) and records the job's outcome. A failed call is
 * retried with exponential backoff (honouring {@code Retry-After}) up to {@code maxAttempts} calls,
 * then failed with its reason: no job stays queued for ever. A rule whose calls per hour or day are
 * used up skips the job ({@code BUDGET}). Ingest never waits for any of this: the runner only reads
 * stored traces.
 *
 * <pre>{@code
 * EvaluationRunner runner = EvaluationRunner.start(evaluations, store, traceStore, scores,
 *     EvaluationRunner.Settings.defaults(), Clock.systemUTC());
 * ...
 * runner.close();
 * }</pre>
 */
public final class EvaluationRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationRunner.class);

  /**
   * How the runner paces itself.
   *
   * @param pollInterval how often rules are scanned and due jobs handed out ({@code
   *     LOUPE_EVAL_POLL_MILLIS}, default 2000)
   * @param settleDelay how long a trace must be quiet before it is judged ({@code
   *     LOUPE_EVAL_SETTLE_SECONDS}, default 30)
   * @param maxAttempts calls per job before it fails ({@code LOUPE_EVAL_MAX_ATTEMPTS}, default 3)
   * @param retryBase the first retry's delay, doubled for each later one ({@code
   *     LOUPE_EVAL_RETRY_BASE_MILLIS}, default 2000), up to {@code retryMax} (5 min)
   * @param maxConcurrentCalls jobs running at once over all rules ({@code
   *     LOUPE_EVAL_MAX_CONCURRENCY}, default 16)
   * @param scanLimit targets one scan of one rule takes at most (default 5000)
   */
  public record Settings(
      Duration pollInterval,
      Duration settleDelay,
      int maxAttempts,
      Duration retryBase,
      Duration retryMax,
      int maxConcurrentCalls,
      int scanLimit) {
    public Settings {
      requireNonNull(pollInterval, "pollInterval");
      requireNonNull(settleDelay, "settleDelay");
      requireNonNull(retryBase, "retryBase");
      requireNonNull(retryMax, "retryMax");
      if (pollInterval.toMillis() < 10)
        throw new IllegalArgumentException("LOUPE_EVAL_POLL_MILLIS must be >= 10");
      if (settleDelay.isNegative())
        throw new IllegalArgumentException("LOUPE_EVAL_SETTLE_SECONDS must be >= 0");
      if (maxAttempts < 1)
        throw new IllegalArgumentException("LOUPE_EVAL_MAX_ATTEMPTS must be >= 1");
      if (maxConcurrentCalls < 1)
        throw new IllegalArgumentException("LOUPE_EVAL_MAX_CONCURRENCY must be >= 1");
      if (scanLimit < 1) throw new IllegalArgumentException("scanLimit must be >= 1");
    }

    public static Settings defaults() {
      return new Settings(
          Duration.ofSeconds(2),
          Duration.ofSeconds(30),
          3,
          Duration.ofSeconds(2),
          Duration.ofMinutes(5),
          16,
          5000);
    }

    public Settings withPollInterval(Duration v) {
      return new Settings(
          v, settleDelay, maxAttempts, retryBase, retryMax, maxConcurrentCalls, scanLimit);
    }

    public Settings withSettleDelay(Duration v) {
      return new Settings(
          pollInterval, v, maxAttempts, retryBase, retryMax, maxConcurrentCalls, scanLimit);
    }

    public Settings withMaxAttempts(int v) {
      return new Settings(
          pollInterval, settleDelay, v, retryBase, retryMax, maxConcurrentCalls, scanLimit);
    }

    public Settings withRetryBase(Duration v) {
      return new Settings(
          pollInterval, settleDelay, maxAttempts, v, retryMax, maxConcurrentCalls, scanLimit);
    }

    public Settings withScanLimit(int v) {
      return new Settings(
          pollInterval, settleDelay, maxAttempts, retryBase, retryMax, maxConcurrentCalls, v);
    }

    public Settings withMaxConcurrentCalls(int v) {
      return new Settings(
          pollInterval, settleDelay, maxAttempts, retryBase, retryMax, v, scanLimit);
    }
  }

  private final Evaluations evaluations;
  private final EvaluationStore store;
  private final TraceStore traces;
  private final Scores scores;
  private final Settings settings;
  private final Clock clock;
  private final RuleScan scan;
  private final Budget budget;
  private final JudgeClient judge;
  private final Semaphore permits;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private EvaluationRunner(
      Evaluations evaluations,
      EvaluationStore store,
      TraceStore traces,
      Scores scores,
      Settings settings,
      Clock clock) {
    this.evaluations = evaluations;
    this.store = store;
    this.traces = traces;
    this.scores = scores;
    this.settings = settings;
    this.clock = clock;
    this.scan = new RuleScan(traces, store, settings.settleDelay(), settings.scanLimit());
    this.budget = new Budget(store);
    this.judge =
        new JudgeClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    this.permits = new Semaphore(settings.maxConcurrentCalls());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("loupe-eval").daemon().unstarted(r));
  }

  /** A runner that passes only when told ({@link #pass()}): for tests that drive the clock. */
  static EvaluationRunner manual(
      Evaluations evaluations,
      EvaluationStore store,
      TraceStore traces,
      Scores scores,
      Settings settings,
      Clock clock) {
    return new EvaluationRunner(evaluations, store, traces, scores, settings, clock);
  }

  /** Waits until no worker runs (for tests); false when {@code timeout} passed first. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (lanes.values().stream().anyMatch(l -> l.active() > 0)) {
      if (System.nanoTime() > end) return false;
      Thread.sleep(5);
    }
    return true;
  }

  /** Starts the scheduler; the first pass runs at once. */
  public static EvaluationRunner start(
      Evaluations evaluations,
      EvaluationStore store,
      TraceStore traces,
      Scores scores,
      Settings settings,
      Clock clock) {
    EvaluationRunner r =
        new EvaluationRunner(
            requireNonNull(evaluations, "evaluations"),
            requireNonNull(store, "store"),
            requireNonNull(traces, "traces"),
            requireNonNull(scores, "scores"),
            requireNonNull(settings, "settings"),
            requireNonNull(clock, "clock"));
    r.scheduler.scheduleWithFixedDelay(
        r::pass, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    return r;
  }

  /** One pass over every rule: scan, then hand out due jobs. Never throws. */
  void pass() {
    if (closed) return;
    List<EvalRule> rules;
    try {
      rules = evaluations.allRules();
    } catch (RuntimeException e) {
      LOG.warn("evaluation pass: cannot read the rules: {}", e.toString());
      return;
    }
    Set<String> live = new HashSet<>();
    for (EvalRule rule : rules) {
      live.add(key(rule.projectId(), rule.id()));
      if (!rule.enabled()) continue;
      try {
        scan.scan(rule, clock.instant());
        dispatch(rule);
      } catch (RuntimeException e) {
        LOG.warn("evaluation rule {} of project {}: {}", rule.id(), rule.projectId(), e.toString());
      }
    }
    lanes.keySet().retainAll(live);
    scan.retain(live);
  }

  private void dispatch(EvalRule rule) {
    Lane lane = lanes.computeIfAbsent(key(rule.projectId(), rule.id()), k -> new Lane());
    synchronized (lane) {
      if (lane.version != null && !lane.version.equals(rule.updatedAt())) {
        // the rule changed (or is re-run): jobs read ahead under the old one are read again
        lane.buffer.clear();
      }
      lane.rule = rule;
      lane.version = rule.updatedAt();
    }
    while (!closed
        && lane.active() < rule.concurrency()
        && lane.hasWork(store, clock.instant())
        && permits.tryAcquire()) {
      lane.active.incrementAndGet();
      workers.execute(() -> work(lane));
    }
  }

  private void work(Lane lane) {
    try {
      while (!closed) {
        EvalRule rule;
        EvalJob job;
        synchronized (lane) {
          rule = lane.rule;
          job = lane.next(store, clock.instant());
        }
        if (job == null) return;
        try {
          run(rule, job);
        } finally {
          synchronized (lane) {
            lane.running.remove(job.targetId());
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("evaluation worker stopped: {}", e.toString());
    } finally {
      lane.active.decrementAndGet();
      permits.release();
    }
  }

  /** Runs one job to its next state (succeeded, skipped, failed, or queued for a retry). */
  void run(EvalRule rule, EvalJob job) {
    Instant now = clock.instant();
    int attempts = job.attempts() + 1;
    try {
      Evaluator evaluator =
          evaluations
              .evaluator(rule.projectId(), rule.evaluatorId())
              .orElseThrow(
                  () ->
                      JudgeFailure.fatal(
                          Reasons.CONFIG,
                          "the rule's evaluator " + rule.evaluatorId() + " is gone"));
      if (evaluator.type() == Evaluator.Type.LLM_AS_JUDGE && !budget.take(rule, now)) {
        store.putJobs(
            List.of(
                Jobs.skipped(
                    job,
                    Reasons.BUDGET,
                    "the rule's calls per hour or day were used up",
                    clock.instant())));
        return;
      }
      TargetView target = load(rule, job);
      Verdict verdict;
      if (evaluator.type() == Evaluator.Type.CODE) {
        verdict = CodeChecks.run(requireNonNull(evaluator.check()), target);
      } else {
        Map<String, String> values = variables(rule, target);
        JudgeConnection connection =
            evaluations
                .connectionNamed(rule.projectId(), requireNonNull(evaluator.connection()))
                .orElseThrow(
                    () ->
                        JudgeFailure.fatal(
                            Reasons.CONFIG,
                            "no judge connection named '" + evaluator.connection() + "'"));
        String apiKey;
        try {
          apiKey = evaluations.apiKey(connection);
        } catch (RuntimeException e) {
          throw JudgeFailure.fatal(Reasons.CONFIG, e.getMessage());
        }
        verdict =
            judge.judge(
                connection,
                apiKey,
                evaluator.model(),
                evaluator.render(values),
                evaluator.output());
      }
      Score score;
      try {
        score = scores.create(input(rule, evaluator, job, target, verdict, now));
      } catch (IllegalArgumentException e) {
        throw JudgeFailure.fatal(
            Reasons.UNPARSABLE, "the verdict makes no valid score: " + e.getMessage());
      }
      // a job that succeeded on a retry keeps its last failure's message: the status can say why
      store.putJobs(
          List.of(
              job.moved(
                  EvalJob.State.SUCCEEDED,
                  null,
                  attempts,
                  job.nextAttemptAt(),
                  job.error(),
                  score.id(),
                  clock.instant())));
    } catch (NoMatch e) {
      store.putJobs(List.of(Jobs.skipped(job, Reasons.NO_MATCH, e.getMessage(), clock.instant())));
    } catch (JudgeFailure f) {
      failed(job, attempts, f.reason, f.retryable, f.getMessage(), f.retryAfter);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failed(job, attempts, Reasons.INTERNAL, true, e.toString(), null);
    }
  }

  private void failed(
      EvalJob job,
      int attempts,
      String reason,
      boolean retryable,
      @Nullable String message,
      @Nullable Duration retryAfter) {
    Instant now = clock.instant();
    if (retryable && attempts < settings.maxAttempts()) {
      Duration wait = backoff(attempts);
      if (retryAfter != null && retryAfter.compareTo(wait) > 0) wait = retryAfter;
      store.putJobs(
          List.of(
              job.moved(
                  EvalJob.State.QUEUED, reason, attempts, now.plus(wait), message, null, now)));
    } else {
      store.putJobs(
          List.of(
              job.moved(
                  EvalJob.State.FAILED,
                  reason,
                  attempts,
                  job.nextAttemptAt(),
                  message,
                  null,
                  now)));
    }
  }

  /** The delay before retry {@code attempts}: base x 2^(attempts - 1), +-20%, at most retryMax. */
  private Duration backoff(int attempts) {
    long base = settings.retryBase().toMillis() << Math.min(20, attempts - 1);
    long capped = Math.min(base, settings.retryMax().toMillis());
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (capped * jitter));
  }

  private TargetView load(EvalRule rule, EvalJob job) throws NoMatch {
    Optional<TraceDetail> trace = traces.getTrace(rule.projectId(), job.traceId());
    if (trace.isEmpty()) throw new NoMatch("trace " + job.traceId() + " is gone");
    if (rule.target() == EvalRule.Target.TRACE) return new TargetView(trace.get(), null);
    Observation focus =
        trace.get().observations().stream()
            .filter(o -> o.id().equals(job.targetId()))
            .findFirst()
            .orElseThrow(() -> new NoMatch("observation " + job.targetId() + " is gone"));
    return new TargetView(trace.get(), focus);
  }

  private static Map<String, String> variables(EvalRule rule, TargetView target) throws NoMatch {
    Map<String, String> values = new LinkedHashMap<>();
    for (VariableMapping m : rule.mapping()) {
      var node =
          target.node(
              m.source(), m.jsonPath() == null ? null : JsonPath.parse("jsonPath", m.jsonPath()));
      if (node == null || node.isNull()) {
        throw new NoMatch(
            "variable '"
                + m.variable()
                + "': the target has no "
                + m.source().wire()
                + (m.jsonPath() == null ? "" : " at " + m.jsonPath()));
      }
      values.put(m.variable(), TargetView.asText(node));
    }
    return values;
  }

  private static ScoreInput input(
      EvalRule rule, Evaluator evaluator, EvalJob job, TargetView target, Verdict v, Instant now) {
    ScoreTarget scored =
        rule.target() == EvalRule.Target.TRACE
            ? ScoreTarget.trace(job.traceId())
            : ScoreTarget.observation(job.traceId(), job.targetId());
    String comment = v.reasoning() == null || v.reasoning().isBlank() ? null : v.reasoning();
    return new ScoreInput(
        rule.projectId(),
        Jobs.scoreId(rule.projectId(), rule.id(), job.targetId()),
        rule.scoreName() != null ? rule.scoreName() : evaluator.name(),
        v.number(),
        v.label(),
        evaluator.output().dataType(),
        ScoreSource.EVAL,
        scored,
        now,
        comment,
        Json.write(Map.of("ruleId", rule.id(), "evaluatorId", evaluator.id())),
        null,
        null,
        null,
        target.focus() != null ? target.focus().environment() : target.trace().environment());
  }

  private static String key(String projectId, String ruleId) {
    return projectId + "/" + ruleId;
  }

  /** Stops scanning, waits up to 10 s for running jobs (a job cut short stays queued). */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) workers.shutdownNow();
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A rule's workers: how many run, what they are running, and due jobs read ahead. */
  private static final class Lane {
    final java.util.concurrent.atomic.AtomicInteger active =
        new java.util.concurrent.atomic.AtomicInteger();
    final Deque<EvalJob> buffer = new ArrayDeque<>();
    final Set<String> running = new HashSet<>();
    EvalRule rule;
    @Nullable Instant version;

    int active() {
      return active.get();
    }

    synchronized boolean hasWork(EvaluationStore store, Instant now) {
      refill(store, now);
      return !buffer.isEmpty();
    }

    /** The next due job nobody runs, marked as running; null when none is due. */
    synchronized @Nullable EvalJob next(EvaluationStore store, Instant now) {
      refill(store, now);
      EvalJob job = buffer.pollFirst();
      if (job != null) running.add(job.targetId());
      return job;
    }

    private void refill(EvaluationStore store, Instant now) {
      if (!buffer.isEmpty()) return;
      for (EvalJob j : store.dueJobs(rule.projectId(), rule.id(), now, 64 + running.size())) {
        if (!running.contains(j.targetId())) buffer.addLast(j);
      }
    }
  }

  @Override
  public String toString() {
    return "EvaluationRunner{" + settings + "}";
  }
}

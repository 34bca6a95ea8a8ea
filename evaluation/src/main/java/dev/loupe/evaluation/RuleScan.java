package dev.loupe.evaluation;

import dev.loupe.model.Observation;
import dev.loupe.storage.EvalJob;
import dev.loupe.storage.EvaluationStore;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.TraceSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One pass of a rule over data stored since its watermark: the targets in {@code [watermark -
 * settle, now - settle)} (trace timestamp, or observation start) that are quiet (their last
 * observation ended at least {@code settle} ago, or they are older than {@code maxWait}) and match
 * every filter become jobs: queued, or skipped for sampling. A target that already has a job is
 * left alone, so the overlap that catches late arrivals never judges twice. The watermark then
 * moves to the earliest target that was not yet quiet, or to the end of the window.
 */
final class RuleScan {
  private static final int PAGE = 500;

  private final TraceStore traces;
  private final EvaluationStore store;
  private final Duration settle;
  private final Duration maxWait;
  private final int limit;

  RuleScan(TraceStore traces, EvaluationStore store, Duration settle, int limit) {
    this.traces = traces;
    this.store = store;
    this.settle = settle;
    this.maxWait =
        settle.multipliedBy(20).compareTo(Duration.ofMinutes(10)) > 0
            ? settle.multipliedBy(20)
            : Duration.ofMinutes(10);
    this.limit = limit;
  }

  /** Scans once; returns how many jobs it created. */
  int scan(EvalRule rule, Instant now) {
    Instant start = rule.scanFrom();
    Instant end = rule.scanTo();
    Instant watermark = store.watermark(rule.projectId(), rule.id()).orElse(start);
    Instant horizon = now.minus(settle);
    if (end != null && end.isBefore(horizon)) horizon = end;
    if (!watermark.isBefore(horizon)) return 0;
    Instant from = watermark.minus(settle);
    if (from.isBefore(start)) from = start;
    if (!from.isBefore(horizon)) return 0;
    Window window =
        rule.target() == EvalRule.Target.TRACE
            ? traces(rule, from, horizon, now)
            : observations(rule, from, horizon, now);
    int created = createJobs(rule, window.candidates, now);
    Instant next = window.until;
    if (window.notQuiet != null && window.notQuiet.isBefore(next)) next = window.notQuiet;
    if (next.isAfter(watermark)) store.putWatermark(rule.projectId(), rule.id(), next);
    return created;
  }

  private Window traces(EvalRule rule, Instant from, Instant to, Instant now) {
    Window w = new Window(to);
    for (int page = 1; ; page++) {
      Page<TraceSummary> p =
          traces.searchTraces(
              TraceQuery.builder(rule.projectId())
                  .fromTimestamp(from)
                  .toTimestamp(to)
                  .orderBy(TraceQuery.OrderBy.TIMESTAMP, SortDirection.ASC)
                  .paging(page, PAGE)
                  .build());
      for (TraceSummary s : p.items()) {
        Instant last =
            s.latency() == null ? s.trace().timestamp() : s.trace().timestamp().plus(s.latency());
        if (quiet(last, s.trace().timestamp(), now)) {
          w.candidates.put(s.trace().id(), new Candidate(s.trace().id(), s.trace().id(), null));
        } else if (w.notQuiet == null) {
          w.notQuiet = s.trace().timestamp();
        }
      }
      if (p.items().size() < PAGE) return w;
      if (w.candidates.size() >= limit) {
        // the rest of the window waits for the next pass
        w.until = p.items().get(p.items().size() - 1).trace().timestamp();
        return w;
      }
    }
  }

  private Window observations(EvalRule rule, Instant from, Instant to, Instant now) {
    // newest first only: narrow the window until it fits the limit, then read it whole
    for (int i = 0; i < 16; i++) {
      Page<Observation> first = observationPage(rule, from, to, 1);
      if (first.totalItems() <= limit || Duration.between(from, to).toMillis() < 2) break;
      to = from.plus(Duration.between(from, to).dividedBy(2));
    }
    Window w = new Window(to);
    for (int page = 1; ; page++) {
      Page<Observation> p = observationPage(rule, from, to, page);
      for (Observation o : p.items()) {
        Instant last = o.endTime() != null ? o.endTime() : o.startTime();
        if (quiet(last, o.startTime(), now)) {
          w.candidates.put(o.id(), new Candidate(o.id(), o.traceId(), o));
        } else if (w.notQuiet == null || o.startTime().isBefore(w.notQuiet)) {
          w.notQuiet = o.startTime();
        }
      }
      if (p.items().size() < PAGE) return w;
    }
  }

  private Page<Observation> observationPage(EvalRule rule, Instant from, Instant to, int page) {
    return traces.searchObservations(
        ObservationQuery.builder(rule.projectId())
            .fromStartTime(from)
            .toStartTime(to)
            .paging(page, PAGE)
            .build());
  }

  private boolean quiet(Instant lastActivity, Instant start, Instant now) {
    return !lastActivity.isAfter(now.minus(settle)) || start.isBefore(now.minus(maxWait));
  }

  private int createJobs(EvalRule rule, Map<String, Candidate> candidates, Instant now) {
    if (candidates.isEmpty()) return 0;
    Set<String> existing = new java.util.HashSet<>();
    List<String> ids = new ArrayList<>(candidates.keySet());
    for (int i = 0; i < ids.size(); i += PAGE) {
      existing.addAll(
          store.jobTargets(
              rule.projectId(), rule.id(), ids.subList(i, Math.min(ids.size(), i + PAGE))));
    }
    Map<String, Optional<TraceDetail>> details = new HashMap<>();
    List<EvalJob> jobs = new ArrayList<>();
    int created = 0;
    for (Candidate c : candidates.values()) {
      if (existing.contains(c.targetId)) continue;
      if (!rule.filters().isEmpty()) {
        Optional<TraceDetail> d =
            details.computeIfAbsent(c.traceId, t -> traces.getTrace(rule.projectId(), t));
        if (d.isEmpty() || !matches(rule, new TargetView(d.get(), c.observation))) continue;
      }
      jobs.add(
          Jobs.matched(
              rule,
              c.targetId,
              c.traceId,
              Jobs.sampled(rule.id(), c.targetId, rule.sampling()),
              now));
      created++;
      if (jobs.size() == PAGE) {
        store.putJobs(jobs);
        jobs.clear();
      }
    }
    store.putJobs(jobs);
    return created;
  }

  static boolean matches(EvalRule rule, TargetView target) {
    for (RuleFilter f : rule.filters())
      if (!f.test(target.column(f.column(), f.key()))) return false;
    return true;
  }

  private record Candidate(String targetId, String traceId, @Nullable Observation observation) {}

  private static final class Window {
    final Map<String, Candidate> candidates = new LinkedHashMap<>();
    Instant until;
    @Nullable Instant notQuiet;

    Window(Instant until) {
      this.until = until;
    }
  }
}

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
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One pass of a rule over data stored since its last pass: the targets in {@code [scanned - settle,
 * now - settle)} (trace timestamp, or observation start; the overlap catches a late arrival, and a
 * target that already has a job is left alone) that are quiet (their last observation ended at
 * least {@code settle} ago, or they started more than {@code maxWait} ago) and match every filter
 * become jobs: queued, or skipped for sampling. A target not yet quiet is kept aside and looked at
 * again on each pass until it is, while the scan moves on. The persisted watermark is the earliest
 * such target, or how far the scan came: after a restart the scan resumes there.
 */
final class RuleScan {
  private static final int PAGE = 500;

  private final TraceStore traces;
  private final EvaluationStore store;
  private final Duration settle;
  private final Duration maxWait;
  private final int limit;
  private final Map<String, Progress> progress = new ConcurrentHashMap<>();

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
    String key = rule.projectId() + "/" + rule.id();
    Progress p = progress.get(key);
    if (p == null) {
      // first pass in this process: resume where the store says
      Instant watermark = store.watermark(rule.projectId(), rule.id()).orElse(rule.scanFrom());
      p = new Progress(rule.updatedAt(), watermark, watermark);
      progress.put(key, p);
    } else if (!p.version.equals(rule.updatedAt())) {
      // changed or re-run: from the start of its range (targets with jobs are left alone)
      p = new Progress(rule.updatedAt(), rule.scanFrom(), null);
      progress.put(key, p);
    }
    Instant start = rule.scanFrom();
    Instant end = rule.scanTo();
    Instant horizon = now.minus(settle);
    if (end != null && end.isBefore(horizon)) horizon = end;
    Map<String, Candidate> ready = new LinkedHashMap<>();
    recheck(rule, p, now, ready);
    if (p.scanned.isBefore(horizon)) {
      // after a whole window, look one settle delay back for late arrivals; after a window cut
      // short by the limit, go on from where it stopped
      Instant from = p.cut ? p.scanned : p.scanned.minus(settle);
      if (from.isBefore(start)) from = start;
      if (from.isBefore(horizon)) {
        Instant reached =
            rule.target() == EvalRule.Target.TRACE
                ? traces(rule, p, from, horizon, now, ready)
                : observations(rule, p, from, horizon, now, ready);
        p.cut = reached.isBefore(horizon);
        // the look back never moves the scan backwards
        if (reached.isAfter(p.scanned)) p.scanned = reached;
      }
    }
    int created = createJobs(rule, ready, now);
    Instant watermark = p.scanned;
    for (Candidate c : p.pending.values()) if (c.start.isBefore(watermark)) watermark = c.start;
    if (!watermark.equals(p.persisted)) {
      store.putWatermark(rule.projectId(), rule.id(), watermark);
      p.persisted = watermark;
    }
    return created;
  }

  /** Forgets the progress of rules not in {@code live} ({@code projectId/ruleId}): deleted ones. */
  void retain(Set<String> live) {
    progress.keySet().retainAll(live);
  }

  /** The targets set aside earlier that are quiet now (or gone: dropped). */
  private void recheck(EvalRule rule, Progress p, Instant now, Map<String, Candidate> ready) {
    for (Iterator<Candidate> it = p.pending.values().iterator(); it.hasNext(); ) {
      Candidate c = it.next();
      Instant last;
      if (rule.target() == EvalRule.Target.TRACE) {
        Optional<TraceDetail> d = traces.getTrace(rule.projectId(), c.targetId);
        if (d.isEmpty()) {
          it.remove();
          continue;
        }
        var latency = d.get().latency();
        last =
            latency == null
                ? d.get().trace().timestamp()
                : d.get().trace().timestamp().plus(latency);
      } else {
        Optional<Observation> o = traces.getObservation(rule.projectId(), c.targetId);
        if (o.isEmpty()) {
          it.remove();
          continue;
        }
        last = o.get().endTime() != null ? o.get().endTime() : o.get().startTime();
        c = new Candidate(c.targetId, c.traceId, o.get(), c.start);
      }
      if (quiet(last, c.start, now)) {
        ready.put(c.targetId, c);
        it.remove();
      }
    }
  }

  /** Reads the window in timestamp order; returns how far it came. */
  private Instant traces(
      EvalRule rule,
      Progress p,
      Instant from,
      Instant to,
      Instant now,
      Map<String, Candidate> ready) {
    int read = 0;
    for (int page = 1; ; page++) {
      Page<TraceSummary> result =
          traces.searchTraces(
              TraceQuery.builder(rule.projectId())
                  .fromTimestamp(from)
                  .toTimestamp(to)
                  .orderBy(TraceQuery.OrderBy.TIMESTAMP, SortDirection.ASC)
                  .paging(page, PAGE)
                  .build());
      for (TraceSummary s : result.items()) {
        Instant start = s.trace().timestamp();
        Instant last = s.latency() == null ? start : start.plus(s.latency());
        Candidate c = new Candidate(s.trace().id(), s.trace().id(), null, start);
        if (quiet(last, start, now)) ready.put(c.targetId, c);
        else p.pending.put(c.targetId, c);
        if (!start.isBefore(p.scanned)) read++; // the look back does not count
      }
      if (result.items().size() < PAGE) return to;
      if (read >= limit) {
        // the rest of the window waits for the next pass (the overlap reads this instant again)
        return result.items().get(result.items().size() - 1).trace().timestamp();
      }
    }
  }

  /** Reads the window, narrowed until it fits the limit (newest first only); how far it came. */
  private Instant observations(
      EvalRule rule,
      Progress p,
      Instant from,
      Instant to,
      Instant now,
      Map<String, Candidate> ready) {
    for (int i = 0; i < 16; i++) {
      Page<Observation> first = observationPage(rule, from, to, 1);
      if (first.totalItems() <= limit || Duration.between(from, to).toMillis() < 2) break;
      to = from.plus(Duration.between(from, to).dividedBy(2));
    }
    for (int page = 1; ; page++) {
      Page<Observation> result = observationPage(rule, from, to, page);
      for (Observation o : result.items()) {
        Instant last = o.endTime() != null ? o.endTime() : o.startTime();
        Candidate c = new Candidate(o.id(), o.traceId(), o, o.startTime());
        if (quiet(last, o.startTime(), now)) ready.put(c.targetId, c);
        else p.pending.put(c.targetId, c);
      }
      if (result.items().size() < PAGE) return to;
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
    Set<String> existing = new HashSet<>();
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
        if (d.isEmpty() || !matches(rule, new TargetView(d.get(), focus(d.get(), c)))) continue;
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

  /** The observation as its trace holds it now (merged), for an observation rule. */
  private static @Nullable Observation focus(TraceDetail d, Candidate c) {
    if (c.observation == null) return null;
    for (Observation o : d.observations()) if (o.id().equals(c.targetId)) return o;
    return c.observation;
  }

  static boolean matches(EvalRule rule, TargetView target) {
    for (RuleFilter f : rule.filters()) {
      if (!f.test(target.column(f.column(), f.key()))) return false;
    }
    return true;
  }

  private record Candidate(
      String targetId, String traceId, @Nullable Observation observation, Instant start) {}

  /** A rule's scan in this process: how far it came, and the targets not yet quiet. */
  private static final class Progress {
    final Instant version;
    Instant scanned;
    @Nullable Instant persisted;
    boolean cut;
    final Map<String, Candidate> pending = new LinkedHashMap<>();

    Progress(Instant version, Instant scanned, @Nullable Instant persisted) {
      this.version = version;
      this.scanned = scanned;
      this.persisted = persisted;
    }
  }
}

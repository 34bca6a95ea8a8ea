package dev.loupe.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The evaluation module's tables: its setup ({@link EvalConfig}: judge connections, evaluators,
 * rules), one job per (rule, target) with its state ({@link EvalJob}), and each rule's watermark
 * (how far its scan of new data has come). Every method but {@link #allConfigs} is scoped to one
 * project. Writes are durable on return.
 *
 * <pre>{@code
 * store.putConfig(rule);
 * store.putJobs(List.of(job));                        // upsert by (projectId, ruleId, targetId)
 * List<EvalJob> due = store.dueJobs("proj", rule.id(), now, 16);
 * List<EvalJob.Count> counts = store.countJobs("proj", rule.id());
 * }</pre>
 */
public interface EvaluationStore {
  /** Stores a config, replacing one of the same (projectId, kind, id). */
  void putConfig(EvalConfig config);

  /** One config; empty when unknown in the project. */
  Optional<EvalConfig> getConfig(String projectId, EvalConfig.Kind kind, String id);

  /** The project's configs of one kind, newest {@code createdAt} first, then id descending. */
  List<EvalConfig> listConfigs(String projectId, EvalConfig.Kind kind);

  /**
   * Every project's configs of one kind, by project, then oldest {@code createdAt} first, then id:
   * for the server's own evaluation runner, never for a request.
   */
  List<EvalConfig> allConfigs(EvalConfig.Kind kind);

  /** Deletes a config; false when it was not there. Its jobs stay until {@link #deleteJobs}. */
  boolean deleteConfig(String projectId, EvalConfig.Kind kind, String id);

  /** Stores jobs in order, all or nothing, each replacing one of the same key. */
  void putJobs(List<EvalJob> jobs);

  /** One job; empty when the rule has none for that target. */
  Optional<EvalJob> getJob(String projectId, String ruleId, String targetId);

  /** Which of these targets already have a job of the rule. */
  Set<String> jobTargets(String projectId, String ruleId, Collection<String> targetIds);

  /**
   * Queued jobs of a rule that may run at {@code now} ({@code nextAttemptAt <= now}), earliest
   * {@code nextAttemptAt} first, then target id; at most {@code limit}.
   */
  List<EvalJob> dueJobs(String projectId, String ruleId, Instant now, int limit);

  /** The rule's jobs counted by state and reason (states with no jobs are left out). */
  List<EvalJob.Count> countJobs(String projectId, String ruleId);

  /**
   * The rule's latest jobs in {@code state}, newest {@code updatedAt} first, then target id
   * descending; at most {@code limit}.
   */
  List<EvalJob> latestJobs(String projectId, String ruleId, EvalJob.State state, int limit);

  /** Sum of {@code attempts} over the rule's jobs updated at or after {@code since}. */
  long attemptsSince(String projectId, String ruleId, Instant since);

  /** Deletes every job of the rule and its watermark; returns how many jobs went. */
  int deleteJobs(String projectId, String ruleId);

  /** How far the rule's scan of new data has come; empty before its first scan. */
  Optional<Instant> watermark(String projectId, String ruleId);

  /** Records how far the rule's scan has come. */
  void putWatermark(String projectId, String ruleId, Instant watermark);
}

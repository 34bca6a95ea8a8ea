package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How far each rule's scan of new data has come, in {@code eval_watermarks} (schema 110): one
 * versioned row per (project, rule), replaced on every put, tombstoned with the rule's jobs.
 */
final class EvalWatermarks {
  private final Replacing rows;

  EvalWatermarks(Replacing rows) {
    this.rows = rows;
  }

  Optional<Instant> get(String projectId, String ruleId) {
    Params p = new Params();
    return rows
        .sql()
        .query(
            "SELECT watermark FROM eval_watermarks FINAL WHERE "
                + EvalJobQueries.rule(p, projectId, ruleId),
            p.map(),
            r -> Times.fromEpochMicros(r.int64()))
        .stream()
        .findFirst();
  }

  void put(String projectId, String ruleId, Instant watermark) {
    requireNonNull(watermark, "watermark");
    Params p = new Params();
    long version =
        rows.versionAfter("eval_watermarks", EvalJobQueries.rule(p, projectId, ruleId), p);
    RowBinaryOut out = new RowBinaryOut();
    out.string(projectId);
    out.string(ruleId);
    out.int64(Times.toEpochMicros(watermark));
    out.int64(version);
    out.uint8(0);
    out.endRow();
    rows.sql()
        .insert(
            "eval_watermarks",
            List.of("project_id", "rule_id", "watermark", "row_version", "is_deleted"),
            out);
  }
}

package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.model.UsageScope;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace read takes its observations from their records (version 11): every field comes back as
 * written, and rows written before version 11, whose records hold only the payload or which have
 * none, are read by their columns with the same answer, by a trace read and by the writer merging
 * an update into them.
 */
class SchemaV11Test {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Comparator<Observation> BY_ID = Comparator.comparing(Observation::id);

  @Test
  void getTrace_everyFieldAsWritten() throws Exception {
    List<Observation> rows = rows();
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage.observationConsumer().accept(WriteBatch.of(List.of(trace()), rows));
      TraceDetail detail = storage.traceStore().getTrace("p", "t").orElseThrow();
      assertThat(sorted(detail.observations())).isEqualTo(rows);
    }
  }

  @Test
  void getTrace_rowsWrittenBeforeVersion11_readByTheirColumns() throws Exception {
    List<Observation> rows = rows();
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage.observationConsumer().accept(WriteBatch.of(List.of(trace()), rows));
    }
    // what version 10 wrote: the generation's record without a row part, no record for the span
    Observation generation = rows.get(0);
    PayloadRef old;
    try (PayloadLog log = PayloadLog.open(dir.resolve(DuckDbStorage.PAYLOADS_DIR))) {
      PayloadCodec codec =
          new PayloadCodec()
              .clear()
              .add(generation.statusMessage())
              .add(generation.modelParameters())
              .add(generation.input())
              .add(generation.output())
              .add(generation.metadata());
      generation.mappingNotes().forEach((k, v) -> codec.add(k).add(v));
      old = log.append(codec);
      log.sync();
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE observations SET payload_at = ?, payload_len = ? WHERE id = 'gen'")) {
      ps.setLong(1, old.position());
      ps.setInt(2, old.length());
      assertThat(ps.executeUpdate()).isEqualTo(1);
      assertThat(
              s.executeUpdate(
                  "UPDATE observations SET payload_at = NULL, payload_len = NULL WHERE id = 'tool'"))
          .isEqualTo(1);
      s.execute("UPDATE schema_version SET version = 10");
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      TraceDetail detail = storage.traceStore().getTrace("p", "t").orElseThrow();
      assertThat(sorted(detail.observations())).isEqualTo(rows);

      // the writer reads them back the same way to merge an update into them
      Observation genUpdate =
          Observation.builder("p", "gen", "t", generation.startTime())
              .type(ObservationType.GENERATION)
              .output("a longer answer")
              .build();
      Observation toolUpdate =
          Observation.builder("p", "tool", "t", rows.get(1).startTime())
              .type(ObservationType.TOOL)
              .endTime(T0.plusMillis(1_450))
              .build();
      storage
          .observationConsumer()
          .accept(WriteBatch.of(List.of(), List.of(genUpdate, toolUpdate)));
      List<Observation> merged =
          List.of(generation.mergedWith(genUpdate), rows.get(1).mergedWith(toolUpdate));
      assertThat(merged.get(0).output()).isEqualTo("a longer answer");
      assertThat(merged.get(0).input()).isEqualTo(generation.input());
      detail = storage.traceStore().getTrace("p", "t").orElseThrow();
      assertThat(sorted(detail.observations())).isEqualTo(merged);
    }
  }

  private static Trace trace() {
    return Trace.builder("p", "t", T0).name("agent").build();
  }

  /** A generation with every field set, a tool without payload or end; sorted by id. */
  private static List<Observation> rows() {
    Observation generation =
        Observation.builder("p", "gen", "t", T0.plusMillis(5))
            .parentObservationId("root")
            .type(ObservationType.GENERATION)
            .name("chat gpt-4o")
            .endTime(T0.plusMillis(1_205).plusNanos(3_000))
            .completionStartTime(T0.plusMillis(400))
            .level(Level.WARNING)
            .statusMessage("slow")
            .model("gpt-4o")
            .modelParameters("{\"temperature\":0.2}")
            .usageDetails(
                Map.of("input", 1_200L, "output", 345L, "total", 1_545L, "cached", 1_000L))
            .costDetails(
                Map.of(
                    "input",
                    new BigDecimal("0.003"),
                    "output",
                    new BigDecimal("0.00345"),
                    "total",
                    new BigDecimal("0.00645"),
                    "cached",
                    new BigDecimal("0.000000000001")))
            .costSource(CostSource.CALCULATED)
            .pricedModelId("gpt-4o-2024")
            .environment("staging")
            .version("v7")
            .release("r1")
            .promptName("support")
            .promptVersion(3)
            .input("[{\"role\":\"user\",\"content\":\"héllo ✓\"}]")
            .output("{\"role\":\"assistant\",\"content\":\"hi\"}")
            .metadata("{\"k\":\"v\"}")
            .mappingNotes(Map.of("gen_ai.prompt", "mapped to input"))
            .usageScope(UsageScope.values()[UsageScope.values().length - 1])
            .build();
    Observation tool =
        Observation.builder("p", "tool", "t", T0.plusMillis(1_300))
            .parentObservationId("gen")
            .type(ObservationType.TOOL)
            .name("search")
            .build();
    return List.of(generation, tool);
  }

  private static List<Observation> sorted(List<Observation> observations) {
    return observations.stream().sorted(BY_ID).toList();
  }
}

package dev.loupe.storage.clickhouse;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Times;
import dev.loupe.model.UsageScope;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code observations} table's columns: an {@link Observation} written as RowBinary (with its
 * measures, computed from the merged row) and read back.
 */
final class ObservationRows {
  static final List<String> COLUMNS =
      List.of(
          "project_id",
          "trace_id",
          "id",
          "parent_observation_id",
          "type",
          "name",
          "start_time",
          "end_time",
          "completion_start_time",
          "day",
          "level",
          "status_message",
          "model",
          "model_parameters",
          "input",
          "output",
          "metadata",
          "usage_details",
          "cost_details",
          "cost_source",
          "priced_model_id",
          "environment",
          "version",
          "release",
          "prompt_name",
          "prompt_version",
          "mapping_notes",
          "usage_scope",
          "input_tokens",
          "output_tokens",
          "total_tokens",
          "cached_tokens",
          "reasoning_tokens",
          "input_cost",
          "output_cost",
          "total_cost",
          "row_version",
          "is_deleted");

  /** The columns {@link #read} reads, in order. */
  static final String SELECT =
      "project_id, trace_id, id, parent_observation_id, type, name, start_time, end_time,"
          + " completion_start_time, level, status_message, model, model_parameters, input, output,"
          + " metadata, usage_details, cost_details, cost_source, priced_model_id, environment,"
          + " version, release, prompt_name, prompt_version, mapping_notes, usage_scope";

  private ObservationRows() {}

  static void write(RowBinaryOut out, Observation o, long version, boolean deleted) {
    out.string(o.projectId());
    out.string(o.traceId());
    out.string(o.id());
    out.nullableString(o.parentObservationId());
    out.string(o.type().name());
    out.nullableString(o.name());
    out.int64(Times.toEpochMicros(o.startTime()));
    out.nullableInt64(micros(o.endTime()));
    out.nullableInt64(micros(o.completionStartTime()));
    out.uint16(Days.of(o.startTime()));
    out.string(o.level().name());
    out.nullableString(o.statusMessage());
    out.nullableString(o.model());
    out.nullableString(o.modelParameters());
    out.nullableString(o.input());
    out.nullableString(o.output());
    out.nullableString(o.metadata());
    out.mapOfLongs(o.usageDetails());
    out.mapOfDecimals(o.costDetails(), "costDetails");
    out.string(o.costSource().name());
    out.nullableString(o.pricedModelId());
    out.string(o.environment());
    out.nullableString(o.version());
    out.nullableString(o.release());
    out.nullableString(o.promptName());
    out.nullableInt32(o.promptVersion());
    out.mapOfStrings(o.mappingNotes());
    out.string(o.usageScope().name());
    out.int64(o.inputTokens());
    out.int64(o.outputTokens());
    out.int64(o.totalTokens());
    out.int64(o.cachedInputTokens());
    out.int64(o.reasoningTokens());
    out.nullableDecimal(o.inputCost(), "inputCost");
    out.nullableDecimal(o.outputCost(), "outputCost");
    out.nullableDecimal(o.totalCost(), "totalCost");
    out.int64(version);
    out.uint8(deleted ? 1 : 0);
    out.endRow();
  }

  static Observation read(RowBinaryIn in) {
    String projectId = in.string();
    String traceId = in.string();
    String id = in.string();
    String parent = in.nullableString();
    ObservationType type = ObservationType.valueOf(in.string());
    String name = in.nullableString();
    Instant start = Times.fromEpochMicros(in.int64());
    return Observation.builder(projectId, id, traceId, start)
        .parentObservationId(parent)
        .type(type)
        .name(name)
        .endTime(instant(in.nullableInt64()))
        .completionStartTime(instant(in.nullableInt64()))
        .level(Level.valueOf(in.string()))
        .statusMessage(in.nullableString())
        .model(in.nullableString())
        .modelParameters(in.nullableString())
        .input(in.nullableString())
        .output(in.nullableString())
        .metadata(in.nullableString())
        .usageDetails(in.mapOfLongs())
        .costDetails(in.mapOfDecimals())
        .costSource(CostSource.valueOf(in.string()))
        .pricedModelId(in.nullableString())
        .environment(in.string())
        .version(in.nullableString())
        .release(in.nullableString())
        .promptName(in.nullableString())
        .promptVersion(in.nullableInt32())
        .mappingNotes(in.mapOfStrings())
        .usageScope(UsageScope.valueOf(in.string()))
        .build();
  }

  private static @Nullable Long micros(@Nullable Instant t) {
    return t == null ? null : Times.toEpochMicros(t);
  }

  private static @Nullable Instant instant(@Nullable Long micros) {
    return micros == null ? null : Times.fromEpochMicros(micros);
  }
}

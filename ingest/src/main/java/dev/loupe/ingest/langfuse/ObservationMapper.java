package dev.loupe.ingest.langfuse;

import dev.loupe.ingest.convention.EnvironmentRule;
import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Observation create/update bodies to observations, with mapping notes saying where derived fields
 * came from.
 */
final class ObservationMapper {
  private ObservationMapper() {}

  /**
   * @param traceIdInBatch the trace id an earlier event of the same batch gave this observation id,
   *     used when the body has none
   */
  static Observation observation(
      String projectId,
      EventType event,
      Instant eventTime,
      Fields body,
      @Nullable String traceIdInBatch) {
    String id = body.requiredId("id");
    Map<String, String> notes = new LinkedHashMap<>();
    ObservationType type = type(event, body, notes);

    String traceId = body.id("traceId");
    if (traceId == null) {
      traceId = traceIdInBatch != null ? traceIdInBatch : id;
      notes.put(
          Observation.DEFAULTED_TRACE_ID,
          traceIdInBatch != null
              ? "missing on " + event.wire() + ": taken from an earlier event of the batch"
              : "missing on " + event.wire() + ": the observation id is used as trace id");
    }
    Instant start = body.instant("startTime");
    if (start == null) {
      start = eventTime;
      if (!event.isUpdate()) notes.put("startTime", "event timestamp (no body.startTime)");
    }
    String promptName = body.string("promptName");
    Integer promptVersion = body.integer("promptVersion");
    if ((promptName == null) != (promptVersion == null)) {
      throw body.invalid(
          promptName == null ? "promptName" : "promptVersion",
          "promptName and promptVersion must be sent together or not at all");
    }
    String rawEnvironment = body.string("environment");
    if (EnvironmentRule.isReplaced(rawEnvironment)) {
      notes.put(
          "environment",
          "'"
              + rawEnvironment
              + "' is not a valid environment name (at most "
              + EnvironmentRule.MAX_LENGTH
              + " characters of a-z, 0-9, '-', '_'): default used");
    }
    UsageReader.Result usage = UsageReader.read(body);
    if (usage.usageNote() != null) notes.put("usage", usage.usageNote());
    if (usage.costNote() != null) notes.put("cost", usage.costNote());

    return Observation.builder(projectId, id, traceId, start)
        .type(type)
        .parentObservationId(body.id("parentObservationId"))
        .name(body.string("name"))
        .endTime(body.instant("endTime"))
        .completionStartTime(body.instant("completionStartTime"))
        .level(level(body))
        .statusMessage(body.string("statusMessage"))
        .model(body.string("model"))
        .modelParameters(body.objectJson("modelParameters"))
        .input(body.json("input"))
        .output(body.json("output"))
        .metadata(body.metadata("metadata"))
        .usageDetails(usage.usage())
        .costDetails(usage.cost())
        .costSource(usage.cost().isEmpty() ? CostSource.NONE : CostSource.PROVIDED)
        .environment(EnvironmentRule.normalize(rawEnvironment))
        .version(body.string("version"))
        .promptName(promptName)
        .promptVersion(promptVersion)
        .mappingNotes(notes)
        .build();
  }

  private static ObservationType type(EventType event, Fields body, Map<String, String> notes) {
    ObservationType fromEvent = event.observationType();
    if (fromEvent != null) {
      notes.put("type", "ingestion event " + event.wire());
      return fromEvent;
    }
    String wire = body.string("type");
    if (wire == null) throw body.invalid("type", "is required on " + event.wire());
    ObservationType type =
        ObservationType.fromWire(wire)
            .orElseThrow(() -> body.invalid("type", "unknown observation type '" + wire + "'"));
    notes.put("type", "ingestion event " + event.wire() + " (body.type " + wire + ")");
    return type;
  }

  private static Level level(Fields body) {
    String wire = body.string("level");
    if (wire == null) return Level.DEFAULT;
    return Level.parse(wire)
        .orElseThrow(
            () ->
                body.invalid(
                    "level", "must be DEBUG, DEFAULT, WARNING or ERROR, got '" + wire + "'"));
  }
}

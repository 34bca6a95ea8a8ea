package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI bench's pieces at tiny scale; timings are printed, never asserted. */
class UiBenchTest {
  @TempDir Path dir;

  @Test
  void bigTrace_isOneRootWithStepSpansAndTheirChildren() {
    BigTrace big = new BigTrace(200, 42, Instant.parse("2026-11-01T00:00:00Z"));

    WriteBatch batch = big.batch();

    List<Observation> obs = batch.observations();
    assertThat(obs).hasSize(200);
    assertThat(batch.traces())
        .singleElement()
        .satisfies(t -> assertThat(t.id()).isEqualTo(big.traceId()));
    Map<String, Observation> byId =
        obs.stream().collect(Collectors.toMap(Observation::id, Function.identity()));
    assertThat(byId).hasSize(200); // ids are unique
    List<Observation> roots = obs.stream().filter(o -> o.parentObservationId() == null).toList();
    assertThat(roots)
        .singleElement()
        .satisfies(r -> assertThat(r.type()).isEqualTo(ObservationType.SPAN));
    String root = roots.get(0).id();
    List<Observation> steps =
        obs.stream().filter(o -> root.equals(o.parentObservationId())).toList();
    assertThat(steps).hasSize(big.steps()).allMatch(s -> s.type() == ObservationType.SPAN);
    Set<String> stepIds = steps.stream().map(Observation::id).collect(Collectors.toSet());
    List<Observation> leaves =
        obs.stream().filter(o -> stepIds.contains(o.parentObservationId())).toList();
    assertThat(leaves).hasSize(200 - 1 - big.steps());
    assertThat(leaves).anyMatch(o -> o.type() == ObservationType.GENERATION);
    assertThat(leaves).anyMatch(o -> o.type() == ObservationType.TOOL);
    for (Observation o : obs) {
      assertThat(o.traceId()).isEqualTo(big.traceId());
      assertThat(o.endTime()).isAfterOrEqualTo(o.startTime());
      if (o.parentObservationId() != null) {
        Observation parent = byId.get(o.parentObservationId());
        assertThat(o.startTime()).isAfterOrEqualTo(parent.startTime());
        assertThat(o.endTime()).isBeforeOrEqualTo(parent.endTime());
      }
    }
    assertThat(new BigTrace(10_000, 42, Instant.EPOCH).steps()).isBetween(200, 400);
  }

  @Test
  void costOrder_tellsWhetherTheCostCellsGoDown() {
    assertThat(UiBench.costOrder(List.of("$1.20", "$0.5", "-", "$0.0001")))
        .isEqualTo("sorted by cost desc");
    assertThat(UiBench.costOrder(List.of("$0.10", "$0.20"))).isEqualTo("NOT sorted by cost");
    assertThat(UiBench.costOrder(List.of())).startsWith("no td.cost");
  }

  @Test
  void run_tinyDataSetTimesEveryPageInRealChromium() throws Exception {
    if ("true".equals(System.getenv("CI")))
      assertThat(UiBrowser.available())
          .as(".ci/run installs chromium and chromium-driver")
          .isTrue();
    assumeTrue(UiBrowser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    Map<String, String> opt =
        new HashMap<>(
            Map.of(
                "generations", "2000",
                "trace-observations", "200",
                "users", "50",
                "sessions", "200",
                "data-dir", dir.toString(),
                "runs", "2",
                "warmup", "1",
                "timeout", "60"));

    List<String> out = UiBench.run(opt);

    for (UiBench.UiPage page : UiBench.pages("gpt-4o", "x", 200)) {
      assertThat(out).as(page.label()).anyMatch(l -> l.startsWith(page.label() + " "));
    }
    // the traces list and the trace page exist on every branch; the others may be placeholders
    assertThat(out).anyMatch(l -> l.matches("traces +200 .*"));
    assertThat(out).anyMatch(l -> l.matches("trace \\(200 obs\\) +200 .*"));
    assertThat(out).noneMatch(l -> l.contains("signed out") || l.contains("never ready"));
    assertThat(out).anyMatch(l -> l.startsWith("server RSS:"));
    assertThat(dir.resolve(UiBench.MANIFEST)).exists();

    opt.put("reuse", "true");
    opt.put("runs", "1");
    opt.put("warmup", "0");
    List<String> again = UiBench.run(opt);
    assertThat(again).anyMatch(l -> l.startsWith("generate  : skipped"));

    opt.put("trace-observations", "300");
    assertThatThrownBy(() -> UiBench.run(opt)).hasMessageContaining("big trace of 200");
  }
}

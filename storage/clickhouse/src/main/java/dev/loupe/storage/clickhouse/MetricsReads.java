package dev.loupe.storage.clickhouse;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;
import java.util.ArrayList;
import java.util.List;

/**
 * Which joined rows a metrics query reads, so that {@link MetricsFrom} joins nothing more: the
 * trace's figures (traces view), the trace row (observation and score views), the scored
 * observation and the scored trace's last model call (score views).
 */
record MetricsReads(boolean figures, boolean trace, boolean observation, boolean model) {

  static MetricsReads of(MetricsQuery q) {
    List<Dimension> dims = new ArrayList<>(q.dimensions());
    for (MetricFilter f : q.filters()) dims.add(f.column());
    List<Measure> measures = q.metrics().stream().map(Metric::measure).toList();
    if (q.view() == MetricsView.TRACES) {
      boolean figures =
          measures.stream()
              .anyMatch(
                  m ->
                      m != Measure.COUNT
                          && m != Measure.USER_ID
                          && m != Measure.SESSION_ID
                          && m != Measure.TIMESTAMP);
      return new MetricsReads(figures, false, false, false);
    }
    boolean trace =
        dims.stream()
                .anyMatch(
                    d ->
                        d == Dimension.USER_ID
                            || d == Dimension.SESSION_ID
                            || d == Dimension.TAGS
                            || d == Dimension.TRACE_NAME)
            || measures.contains(Measure.USER_ID)
            || measures.contains(Measure.SESSION_ID);
    if (q.view() == MetricsView.OBSERVATIONS) return new MetricsReads(false, trace, false, false);
    boolean model = dims.contains(Dimension.MODEL);
    boolean observation =
        model
            || dims.contains(Dimension.OBSERVATION_NAME)
            || dims.contains(Dimension.OBSERVATION_MODEL_NAME);
    return new MetricsReads(false, trace, observation, model);
  }
}

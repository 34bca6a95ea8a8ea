package dev.loupe.bench;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * Spreads trace indexes over the hours of the window like production traffic: a daily curve (low at
 * 03:00 UTC, peak at 15:00), quieter weekends (55 %) and 40 % growth from the first day to the
 * last. Trace {@code i} falls in hour {@link #hourOf(long)}; indexes are in time order.
 */
final class TrafficShape {
  private final Instant start;
  private final long[] firstTraceOfHour; // hour h holds [first[h], first[h+1])

  TrafficShape(Instant start, int days, long traces) {
    this.start = start;
    int hours = days * 24;
    double[] cumulative = new double[hours + 1];
    for (int h = 0; h < hours; h++) {
      cumulative[h + 1] = cumulative[h] + weight(start.plus(Duration.ofHours(h)), h / 24, days);
    }
    firstTraceOfHour = new long[hours + 1];
    for (int h = 0; h <= hours; h++) {
      firstTraceOfHour[h] = Math.round(traces * cumulative[h] / cumulative[hours]);
    }
  }

  static double weight(Instant hourStart, int day, int days) {
    ZonedDateTime t = hourStart.atZone(ZoneOffset.UTC);
    double daily = 0.3 + 0.7 * (0.5 - 0.5 * Math.cos(2 * Math.PI * (t.getHour() - 3) / 24.0));
    DayOfWeek dow = t.getDayOfWeek();
    double weekly = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.55 : 1.0;
    double growth = 1.0 + 0.4 * day / Math.max(1, days - 1);
    return daily * weekly * growth;
  }

  /** The hour (0-based from the window start) trace {@code index} starts in. */
  int hourOf(long index) {
    int pos = Arrays.binarySearch(firstTraceOfHour, index);
    if (pos >= 0) {
      // several empty hours can share a boundary: take the last, the hour that holds the index
      while (pos + 1 < firstTraceOfHour.length && firstTraceOfHour[pos + 1] == index) pos++;
      return Math.min(pos, firstTraceOfHour.length - 2);
    }
    return -pos - 2;
  }

  Instant hourStart(int hour) {
    return start.plus(Duration.ofHours(hour));
  }

  int hours() {
    return firstTraceOfHour.length - 1;
  }

  /** Traces in hour {@code hour}. */
  long tracesIn(int hour) {
    return firstTraceOfHour[hour + 1] - firstTraceOfHour[hour];
  }
}

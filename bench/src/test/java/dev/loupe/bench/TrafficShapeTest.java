package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrafficShapeTest {
  static final Instant START = Instant.parse("2026-10-26T00:00:00Z"); // a Monday

  @Test
  void hourOf_everyTraceFallsInAnHourThatHoldsIt() {
    TrafficShape shape = new TrafficShape(START, 14, 10_000);
    long total = 0;
    for (int h = 0; h < shape.hours(); h++) {
      total += shape.tracesIn(h);
    }
    assertThat(total).isEqualTo(10_000);
    int previous = 0;
    for (long i = 0; i < 10_000; i++) {
      int hour = shape.hourOf(i);
      assertThat(hour).isGreaterThanOrEqualTo(previous);
      assertThat(shape.tracesIn(hour)).isPositive();
      previous = hour;
    }
  }

  @Test
  void hourOf_fewTracesSkipEmptyHours() {
    TrafficShape shape = new TrafficShape(START, 30, 7);
    for (long i = 0; i < 7; i++) assertThat(shape.tracesIn(shape.hourOf(i))).isPositive();
  }

  @Test
  void weight_afternoonsBeatNightsAndWeekdaysBeatWeekends() {
    double mondayPeak = TrafficShape.weight(START.plusSeconds(15 * 3600), 0, 30);
    double mondayNight = TrafficShape.weight(START.plusSeconds(3 * 3600), 0, 30);
    double saturdayPeak = TrafficShape.weight(START.plusSeconds((5 * 24 + 15) * 3600L), 0, 30);

    assertThat(mondayPeak).isGreaterThan(3 * mondayNight);
    assertThat(saturdayPeak)
        .isCloseTo(0.55 * mondayPeak, org.assertj.core.data.Offset.offset(1e-9));
  }
}

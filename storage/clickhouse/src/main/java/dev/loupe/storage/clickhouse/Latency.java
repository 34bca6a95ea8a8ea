package dev.loupe.storage.clickhouse;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Latency bounds on whole-microsecond latencies, as text for Int128 parameters: {@code latency >=
 * min} holds exactly when {@code latency >= ceil_us(min)}, {@code <= max} when {@code <=
 * floor_us(max)} (a bound may carry nanoseconds; latencies never do).
 */
final class Latency {
  private static final BigInteger THOUSAND = BigInteger.valueOf(1_000);

  private Latency() {}

  static String lowerBound(Duration min) {
    BigInteger[] qr = nanos(min).divideAndRemainder(THOUSAND);
    return (qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0]).toString();
  }

  static String upperBound(Duration max) {
    BigInteger[] qr = nanos(max).divideAndRemainder(THOUSAND);
    return (qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0]).toString();
  }

  private static BigInteger nanos(Duration d) {
    return BigInteger.valueOf(d.getSeconds())
        .multiply(BigInteger.valueOf(1_000_000_000))
        .add(BigInteger.valueOf(d.getNano()));
  }
}

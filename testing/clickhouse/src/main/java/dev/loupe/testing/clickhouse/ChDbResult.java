package dev.loupe.testing.clickhouse;

/**
 * What a statement returned: its output in the format asked for, and the engine's counters (the
 * numbers a server reports in {@code X-ClickHouse-Summary}): rows and bytes of the result, read
 * from storage, and written.
 */
public record ChDbResult(
    byte[] data,
    long resultRows,
    long resultBytes,
    long readRows,
    long readBytes,
    long writtenRows,
    long writtenBytes,
    double elapsedSeconds) {}

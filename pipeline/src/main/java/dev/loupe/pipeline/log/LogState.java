package dev.loupe.pipeline.log;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an ingest log's own figures. Running totals count since the log was opened.
 *
 * @param segments segment files on disk (0 for a log that keeps no files)
 * @param bytes bytes of those files
 * @param appendedRecords records appended since open
 * @param appendedBytes bytes appended since open, framing included
 * @param syncs group commits (fsyncs) since open; {@code appendedRecords / syncs} is the group size
 * @param compactedSegments segments deleted since open because every record in them was applied
 * @param compactedBytes bytes those segments held
 * @param corruptBytes bytes readers skipped since open because they failed their checksum
 * @param error why the last append failed (no space left, an I/O error), or null when the last
 *     append succeeded
 */
public record LogState(
    int segments,
    long bytes,
    long appendedRecords,
    long appendedBytes,
    long syncs,
    long compactedSegments,
    long compactedBytes,
    long corruptBytes,
    @Nullable String error) {}

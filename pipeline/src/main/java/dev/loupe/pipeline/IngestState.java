package dev.loupe.pipeline;

import dev.loupe.pipeline.log.LogState;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the ingest pipeline, for health and for gauges ({@link PipelineMetrics}).
 *
 * @param appended records appended to the log so far: the sum over partitions of the next offset to
 *     be written (offsets start at 0 and survive restarts)
 * @param applied the sum over partitions of the next offset to apply: records below it are in the
 *     store. A test that waits until {@code applied >= appended} as read after its ingests were
 *     acknowledged sees them in reads (one partition, as embedded).
 * @param lagRecords records acknowledged but not yet applied
 * @param lagSeconds age of the oldest of them (0 when none): how stale reads are at most
 * @param applyError why the last apply attempt failed while the applier retries, or null when it
 *     applies fine
 * @param skipped records the store refused on their own, skipped since start (see {@link
 *     PipelineMetrics#skipped})
 * @param log the ingest log's own figures
 */
public record IngestState(
    long appended,
    long applied,
    long lagRecords,
    double lagSeconds,
    @Nullable String applyError,
    long skipped,
    LogState log) {}

/**
 * The ingest log: receivers append priced write batches and acknowledge once they are durable;
 * appliers read them in order and apply them to the store. {@link dev.loupe.pipeline.log.IngestLog}
 * is the SPI, {@link dev.loupe.pipeline.log.SegmentLog} the embedded implementation (segment files
 * in the data directory), {@link dev.loupe.pipeline.log.RecordCodec} the one binary format of a
 * record.
 */
@NullMarked
package dev.loupe.pipeline.log;

import org.jspecify.annotations.NullMarked;

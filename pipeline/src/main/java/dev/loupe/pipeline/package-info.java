/**
 * The hallway from ingest to storage: {@link dev.loupe.pipeline.Ingestion} is the one step every
 * wire calls with its normalized rows; it prices them, and the store prices merged rows again
 * through the step's merge hook.
 */
@NullMarked
package dev.loupe.pipeline;

import org.jspecify.annotations.NullMarked;

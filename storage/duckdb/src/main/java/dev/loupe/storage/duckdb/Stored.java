package dev.loupe.storage.duckdb;

import org.jspecify.annotations.Nullable;

/**
 * A row as stored, with where it lives so the writer can delete it when a merge replaces it.
 *
 * @param payloadRowid the payload table's row, null when the row has no payload
 */
record Stored<T>(T row, long seq, long rowid, @Nullable Long payloadRowid) {}

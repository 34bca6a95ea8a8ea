package dev.loupe.storage.duckdb;

/** A narrow row read for a page, with the (seq, key) that finds its payload. */
record Paged<T>(T row, long seq, long key) {}

package dev.loupe.storage.duckdb;

/** A row read for a page, with its write group ({@code seq}) and key. */
record Paged<T>(T row, long seq, long key) {}

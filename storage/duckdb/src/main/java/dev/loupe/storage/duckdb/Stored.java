package dev.loupe.storage.duckdb;

/** A row as stored, with the write group ({@code seq}) that holds it, so a merge can delete it. */
record Stored<T>(T row, long seq) {}

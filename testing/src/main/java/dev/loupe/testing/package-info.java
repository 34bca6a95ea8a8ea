/** Test fixtures: a real Loupe server for round-trip tests, read back over its public API. */
package dev.loupe.testing;

/**
 * The JSON text every backend stores for values it keeps whole and never filters by (a score
 * config, a custom model price, an alert rule's filters): one codec per value, so DuckDB and
 * ClickHouse write and read the same text and a backend never grows a second format.
 */
@NullMarked
package dev.loupe.storage.json;

import org.jspecify.annotations.NullMarked;

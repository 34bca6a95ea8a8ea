package dev.loupe.storage.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * One versioned schema step: resource {@code schema/NNN-name.sql}, statements separated by a
 * semicolon at the end of a line, {@code --} comment lines ignored. Every statement must be
 * idempotent ({@code CREATE TABLE IF NOT EXISTS}, {@code ADD COLUMN IF NOT EXISTS}, ...): the
 * migration lock is advisory on ClickHouse (see {@link Migrations}), so a step may run twice.
 *
 * @param version NNN: 001-099 the core tables, 100-199 the score, evaluation, alert and analytics
 *     tables
 */
record Migration(int version, String name, String text) {
  /** The statements, in order, without comments and the separating semicolons. */
  List<String> statements() {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.startsWith("--")) continue;
      current.append(line).append('\n');
      if (stripped.endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1).strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) out.add(current.toString().strip());
    return out;
  }

  @Override
  public String toString() {
    return "%03d-%s".formatted(version, name);
  }
}

package dev.loupe.storage.duckdb;

import dev.loupe.storage.FullText;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBWritableVector;

/**
 * The full-text filter inside SQL: {@code loupe_payload_has(payload_at, payload_len, term, first)}
 * is true when the term ({@link FullText}) occurs in payload field {@code first} or the one after
 * it (input and output: fields 0 and 1 of a trace record, 2 and 3 of an observation's), false for a
 * row without a payload. A scalar function of ours, registered once per database; DuckDB calls it a
 * vector (2,048 rows) at a time, after the other filters of the scan, so only the rows they leave
 * read their payload record (one positional read each, checksum verified).
 *
 * <p>There is no index: a search costs a payload read per candidate row, which is why the lists
 * bound it with their time range (RATIONALE.md, "Full-text search").
 */
final class PayloadMatch {
  static final String FUNCTION = "loupe_payload_has";

  private final PayloadLog log;

  private PayloadMatch(PayloadLog log) {
    this.log = log;
  }

  /** Registers the function on {@code connection}'s database (visible to its duplicates). */
  static void register(DuckDBConnection connection, PayloadLog log) throws SQLException {
    PayloadMatch match = new PayloadMatch(log);
    DuckDBFunctions.scalarFunction()
        .withName(FUNCTION)
        .withParameters(
            DuckDBColumnType.BIGINT,
            DuckDBColumnType.INTEGER,
            DuckDBColumnType.VARCHAR,
            DuckDBColumnType.INTEGER)
        .withReturnType(DuckDBColumnType.BOOLEAN)
        .withVectorizedFunction(match::apply)
        .register(connection);
  }

  /** {@code FUNCTION(alias.payload_at, alias.payload_len, ?, first)} for a row alias. */
  static String sql(String alias, int first) {
    return FUNCTION + "(" + alias + ".payload_at, " + alias + ".payload_len, ?, " + first + ")";
  }

  /**
   * The term is a bound parameter, the same for every row of a query: it is read once per vector
   * (reading a string costs more than the rest of a row's bookkeeping).
   */
  private void apply(DuckDBDataChunkReader in, DuckDBWritableVector out) {
    long rows = in.rowCount();
    if (rows == 0) return;
    DuckDBReadableVector at = in.vector(0), length = in.vector(1), term = in.vector(2);
    DuckDBReadableVector first = in.vector(3);
    FullText text = term.isNull(0) ? null : FullText.of(term.getString(0));
    for (long i = 0; i < rows; i++) {
      if (text == null || at.isNull(i) || length.isNull(i)) {
        out.setBoolean(i, false);
        continue;
      }
      byte[] body = log.read(PayloadRef.of(at.getLong(i), length.getInt(i)));
      out.setBoolean(i, matches(text, body, first.getInt(i)));
    }
  }

  /**
   * Payload fields {@code first} and {@code first + 1} of the record (after its row part), decoded
   * only when reached.
   */
  static boolean matches(FullText text, byte[] body, int first) {
    int at = PayloadCodec.payloadStart(body);
    for (int field = 0; field <= first + 1 && at + 4 <= body.length; field++) {
      int length = (body[at] & 0xFF) << 24 | (body[at + 1] & 0xFF) << 16;
      length |= (body[at + 2] & 0xFF) << 8 | (body[at + 3] & 0xFF);
      at += 4;
      if (length < 0) continue;
      if (length > body.length - at) return false;
      if (field >= first && text.matches(new String(body, at, length, StandardCharsets.UTF_8))) {
        return true;
      }
      at += length;
    }
    return false;
  }
}

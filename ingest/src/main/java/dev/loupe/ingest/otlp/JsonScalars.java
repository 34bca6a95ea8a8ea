package dev.loupe.ingest.otlp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.ingest.BadPayloadException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/JSON scalar fields in every form the protobuf JSON mapping allows: 64-bit integers as
 * strings or numbers, doubles as numbers or strings ({@code "NaN"}, {@code "Infinity"}), enums as
 * numbers or names, bytes as standard or URL-safe base64 with or without padding. Each reads the
 * parser's current token.
 */
final class JsonScalars {
  private JsonScalars() {}

  static String string(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) throw wrongType(p, field, "a string");
    return p.getText();
  }

  static long int64(JsonParser p, String field) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw malformed(p, field + " is out of the 64-bit range: " + p.getText());
        }
        return p.getLongValue();
      }
      case VALUE_STRING -> {
        String text = p.getText();
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw malformed(p, field + " must be a 64-bit integer, got " + SpanIds.quote(text));
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        try {
          return p.getDecimalValue().longValueExact();
        } catch (ArithmeticException e) {
          throw malformed(p, field + " must be a 64-bit integer, got " + p.getText());
        }
      }
      default -> throw wrongType(p, field, "an integer (number or string)");
    }
  }

  /**
   * An unsigned 64-bit integer (OTLP's {@code fixed64} times) as the long with the same bits: up to
   * 18446744073709551615, which reads as -1.
   */
  static long uint64(JsonParser p, String field) throws IOException {
    BigInteger n;
    switch (p.currentToken()) {
      case VALUE_NUMBER_INT -> n = p.getBigIntegerValue();
      case VALUE_STRING -> {
        try {
          String text = p.getText().strip();
          if (text.length() > 20) throw new NumberFormatException(); // 2^64 has 20 digits
          n = new BigInteger(text);
        } catch (NumberFormatException e) {
          throw malformed(
              p, field + " must be a 64-bit integer (unsigned), got " + SpanIds.quote(p.getText()));
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        // 1e99999999 is a short text: check its size before making it an integer
        BigDecimal d = p.getDecimalValue().stripTrailingZeros();
        if (d.scale() > 0 || d.precision() - d.scale() > 20) {
          throw malformed(p, field + " must be a 64-bit integer (unsigned), got " + p.getText());
        }
        n = d.toBigIntegerExact();
      }
      default -> throw wrongType(p, field, "an integer (number or string)");
    }
    if (n.signum() < 0 || n.bitLength() > 64) {
      throw malformed(p, field + " is out of the unsigned 64-bit range: " + n);
    }
    return n.longValue();
  }

  static double float64(JsonParser p, String field) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> {
        return p.getDoubleValue();
      }
      case VALUE_STRING -> {
        String text = p.getText();
        return switch (text) {
          case "NaN" -> Double.NaN;
          case "Infinity" -> Double.POSITIVE_INFINITY;
          case "-Infinity" -> Double.NEGATIVE_INFINITY;
          default -> {
            try {
              yield Double.parseDouble(text);
            } catch (NumberFormatException e) {
              throw malformed(p, field + " must be a number, got " + SpanIds.quote(text));
            }
          }
        };
      }
      default -> throw wrongType(p, field, "a number");
    }
  }

  static boolean bool(JsonParser p, String field) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_STRING ->
          switch (p.getText()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw malformed(
                    p, field + " must be true or false, got " + SpanIds.quote(p.getText()));
          };
      default -> throw wrongType(p, field, "a boolean");
    };
  }

  static byte[] bytes(JsonParser p, String field) throws IOException {
    String text = string(p, field);
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(p, field + " is not base64: " + e.getMessage());
    }
  }

  /** An enum as its number or its name; {@code names} lists the names by number. */
  static int enumNumber(JsonParser p, String field, List<String> names) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() != JsonParser.NumberType.INT) {
          throw malformed(p, field + " is out of the 32-bit range: " + p.getText());
        }
        return p.getIntValue();
      }
      case VALUE_STRING -> {
        int number = names.indexOf(p.getText());
        if (number < 0) {
          throw malformed(
              p,
              field
                  + " has an unknown value "
                  + SpanIds.quote(p.getText())
                  + ", expected a number or one of "
                  + names);
        }
        return number;
      }
      default -> throw wrongType(p, field, "a number or an enum name");
    }
  }

  /**
   * After a value could not be read, moves the parser to the last token of that value inside {@code
   * object} (wherever in the value the reader stopped), so the object's next field can be read.
   */
  static void skipBackTo(JsonParser p, JsonStreamContext object) throws IOException {
    p.skipChildren(); // a value that starts here: to its end
    while (p.getParsingContext() != object) {
      JsonToken t = p.nextToken();
      if (t == null) return; // the body ended: the caller's reader reports it
      p.skipChildren();
    }
  }

  static void expectObject(JsonParser p, String field) {
    if (p.currentToken() != JsonToken.START_OBJECT) throw wrongType(p, field, "an object");
  }

  static void expectArray(JsonParser p, String field) {
    if (p.currentToken() != JsonToken.START_ARRAY) throw wrongType(p, field, "an array");
  }

  static BadPayloadException wrongType(JsonParser p, String field, String expected) {
    return malformed(p, field + " must be " + expected + ", got " + describe(p.currentToken()));
  }

  static BadPayloadException malformed(JsonParser p, String what) {
    return new BadPayloadException(
        BadPayloadException.Reason.MALFORMED, "OTLP/JSON: " + what + at(p.currentTokenLocation()));
  }

  static String at(@Nullable JsonLocation location) {
    return location == null
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String describe(@Nullable JsonToken token) {
    if (token == null) return "the end of the body";
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }
}

package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.JsonScalars.expectArray;
import static dev.loupe.ingest.otlp.JsonScalars.expectObject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.loupe.ingest.BadPayloadException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an OTLP/JSON {@code ExportTraceServiceRequest} as senders actually write it: hex ids (any
 * case), nanosecond times and 64-bit integers as strings or numbers, enums as numbers or names,
 * lowerCamel or snake_case field names, unknown fields ignored. A span with unusable ids is
 * rejected while the rest of the request is kept. Thread-safe.
 */
public final class JsonTraceDecoder {
  private final JsonFactory factory =
      JsonFactory.builder()
          // Prompts and completions can be large; the body size is bounded before decoding.
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  public DecodedSpans decode(byte[] body) {
    return decode(body, 0, body.length);
  }

  /**
   * @throws BadPayloadException ({@code MALFORMED}) when the bytes are not JSON or not shaped like
   *     an export request (e.g. {@code spans} is not an array); the message names the field and its
   *     line and column
   */
  public DecodedSpans decode(byte[] body, int offset, int length) {
    SpanCollector out = new SpanCollector(false);
    try (JsonParser p = factory.createParser(body, offset, length)) {
      if (p.nextToken() == null) return out.result();
      expectObject(p, "the request body");
      String name;
      while ((name = p.nextFieldName()) != null) {
        if (p.nextToken() == JsonToken.VALUE_NULL) continue;
        if (name.equals("resourceSpans") || name.equals("resource_spans")) {
          expectArray(p, name);
          while (p.nextToken() != JsonToken.END_ARRAY) resourceSpans(p, out);
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null)
        throw JsonScalars.malformed(p, "unexpected content after the request object");
      return out.result();
    } catch (JsonProcessingException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED,
          "OTLP/JSON body is not valid JSON: "
              + e.getOriginalMessage()
              + JsonScalars.at(e.getLocation()),
          e);
    } catch (IOException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED, "OTLP/JSON body cannot be read: " + e, e);
    }
  }

  private static void resourceSpans(JsonParser p, SpanCollector out) throws IOException {
    expectObject(p, "resourceSpans element");
    JsonStreamContext element = p.getParsingContext();
    Map<String, Object> resource = Map.of();
    JsonAttributes resourceAttributes = new JsonAttributes();
    String resourceProblem = null;
    List<ScopeBatch> scopes = new ArrayList<>(1);
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "resource" -> {
          // a resource that cannot be read rejects its own spans, not the other resources'
          try {
            resource = resource(p, resourceAttributes);
          } catch (BadPayloadException e) {
            resourceProblem = e.getMessage();
            JsonScalars.skipBackTo(p, element);
          }
        }
        case "scopeSpans", "scope_spans" -> {
          expectArray(p, name);
          while (p.nextToken() != JsonToken.END_ARRAY) scopes.add(scopeSpans(p, out));
        }
        default -> p.skipChildren();
      }
    }
    if (resourceProblem == null) resourceProblem = resourceAttributes.tooDeep();
    for (ScopeBatch scope : scopes) {
      for (SpanFields span : scope.spans()) {
        if (span.problem == null)
          span.problem = resourceProblem != null ? resourceProblem : scope.problem();
        span.emit(out, resource, scope.name(), scope.version());
      }
    }
  }

  private static Map<String, Object> resource(JsonParser p, JsonAttributes attributes)
      throws IOException {
    expectObject(p, "resource");
    Map<String, Object> values = Map.of();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      if (name.equals("attributes")) {
        values = attributes.keyValues(p, "resource.attributes");
      } else {
        p.skipChildren();
      }
    }
    return values;
  }

  private static ScopeBatch scopeSpans(JsonParser p, SpanCollector out) throws IOException {
    expectObject(p, "scopeSpans element");
    JsonStreamContext element = p.getParsingContext();
    String scopeName = "";
    String version = null;
    String problem = null;
    List<SpanFields> spans = List.of();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "scope" -> {
          // a scope that cannot be read rejects its own spans
          try {
            expectObject(p, "scope");
            String field;
            while ((field = p.nextFieldName()) != null) {
              if (p.nextToken() == JsonToken.VALUE_NULL) continue;
              switch (field) {
                case "name" -> scopeName = JsonScalars.string(p, "scope.name");
                case "version" -> version = JsonScalars.string(p, "scope.version");
                default -> p.skipChildren();
              }
            }
          } catch (BadPayloadException e) {
            if (problem == null) problem = e.getMessage();
            JsonScalars.skipBackTo(p, element);
          }
        }
        case "spans" -> {
          expectArray(p, "spans");
          spans = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY)
            spans.add(JsonSpanReader.span(p, out.nextIndex()));
        }
        default -> p.skipChildren();
      }
    }
    return new ScopeBatch(
        scopeName, version == null || version.isEmpty() ? null : version, spans, problem);
  }

  private record ScopeBatch(
      String name, @Nullable String version, List<SpanFields> spans, @Nullable String problem) {}
}

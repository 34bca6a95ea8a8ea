package dev.loupe.ingest.otlp;

import java.nio.charset.StandardCharsets;

/** Hand-written OTLP/JSON bodies; single quotes stand for double quotes to keep tests readable. */
final class JsonBodies {
  static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";

  private JsonBodies() {}

  static byte[] json(String text) {
    return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  /** A request with one resource and one scope holding the given span objects. */
  static byte[] spans(String... spans) {
    return json(
        "{'resourceSpans':[{'resource':{'attributes':[]},'scopeSpans':[{'scope':{'name':'t'},'spans':["
            + String.join(",", spans)
            + "]}]}]}");
  }

  /** A span object with the given id fields (e.g. {@code 'traceId':'…','spanId':'…'}) and name. */
  static String span(String idFields, String name) {
    return "{"
        + idFields
        + ",'name':'"
        + name
        + "','kind':1,'startTimeUnixNano':'1','endTimeUnixNano':'2'}";
  }

  static String goodSpan(String spanId, String name) {
    return span("'traceId':'" + TRACE_ID + "','spanId':'" + spanId + "'", name);
  }
}

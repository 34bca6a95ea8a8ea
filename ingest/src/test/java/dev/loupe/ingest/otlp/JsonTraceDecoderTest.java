package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.JsonBodies.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.BadPayloadException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTraceDecoderTest {
  private final JsonTraceDecoder decoder = new JsonTraceDecoder();

  private SpanRecord single(byte[] body) {
    DecodedSpans decoded = decoder.decode(body);
    assertThat(decoded.rejected()).isEmpty();
    assertThat(decoded.spans()).hasSize(1);
    return decoded.spans().get(0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  \n",
        "{}",
        "{'resourceSpans':[]}",
        "{'resourceSpans':null}",
        "{'resourceSpans':[{'scopeSpans':[{'spans':[]}]}]}"
      })
  void decode_bodiesWithoutSpansGiveNoSpans(String body) {
    DecodedSpans decoded = decoder.decode(json(body));

    assertThat(decoded.spans()).isEmpty();
    assertThat(decoded.rejected()).isEmpty();
  }

  @Test
  void decode_readsResourceAndScopeThatFollowTheirSpans() {
    SpanRecord span =
        single(
            json(
                """
        {'resourceSpans':[{'scopeSpans':[{'spans':[{'traceId':'5b8efff798038103d269b633813fc60c',
        'spanId':'eee19b7ec3c1b174','name':'late'}],'scope':{'name':'s','version':'2'}}],
        'resource':{'attributes':[{'key':'service.name','value':{'stringValue':'api'}}]}}]}"""));

    assertThat(span.scopeName()).isEqualTo("s");
    assertThat(span.scopeVersion()).isEqualTo("2");
    assertThat(span.resourceAttributes()).containsExactly(Map.entry("service.name", "api"));
  }

  @Test
  void decode_lowercasesUppercaseHexIds() {
    SpanRecord span =
        single(
            JsonBodies.spans(
                JsonBodies.span(
                    "'traceId':'5B8EFFF798038103D269B633813FC60C','spanId':'EEE19B7EC3C1B174','parentSpanId':'00F067AA0BA902B7'",
                    "upper")));

    assertThat(span.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(span.spanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(span.parentSpanId()).isEqualTo("00f067aa0ba902b7");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"'parentSpanId':''", "'parentSpanId':null", "'parentSpanId':'0000000000000000'"})
  void decode_emptyNullOrZeroParentMeansRoot(String parent) {
    SpanRecord span =
        single(
            JsonBodies.spans(
                JsonBodies.span(
                    "'traceId':'" + JsonBodies.TRACE_ID + "','spanId':'eee19b7ec3c1b174'," + parent,
                    "root")));

    assertThat(span.parentSpanId()).isNull();
  }

  @Test
  void decode_acceptsEveryLegalScalarForm() {
    SpanRecord span =
        single(
            JsonBodies.spans(
                """
        {'trace_id':'5b8efff798038103d269b633813fc60c','span_id':'eee19b7ec3c1b174','name':'forms',
         'kind':'SPAN_KIND_PRODUCER','start_time_unix_nano':1795474787575000000,'endTimeUnixNano':'1795474787575000001',
         'status':{'code':'STATUS_CODE_ERROR','message':'boom'},
         'attributes':[
           {'key':'int.number','value':{'intValue':7}},
           {'key':'int.string','value':{'int_value':'-9223372036854775808'}},
           {'key':'double.int','value':{'doubleValue':3}},
           {'key':'double.string','value':{'double_value':'1.5'}},
           {'key':'double.inf','value':{'doubleValue':'-Infinity'}},
           {'key':'bool.string','value':{'boolValue':'true'}},
           {'key':'bytes.url','value':{'bytesValue':'AAEC_v8-Pw'}},
           {'key':'bytes.std','value':{'bytes_value':'AAEC/v8+Pw=='}},
           {'key':'list','value':{'array_value':{'values':[{'intValue':'1'},{},{'boolValue':false}]}}},
           {'key':'map','value':{'kvlist_value':{'values':[{'key':'k','value':{'stringValue':'v'}}]}}},
           {'key':'unset','value':{}},
           {'value':{'stringValue':'keyless'}}
         ]}"""));

    assertThat(span.kind()).isEqualTo(4);
    assertThat(span.startEpochNanos()).isEqualTo(1_795_474_787_575_000_000L);
    assertThat(span.endEpochNanos()).isEqualTo(1_795_474_787_575_000_001L);
    assertThat(span.statusCode()).isEqualTo(2);
    assertThat(span.statusMessage()).isEqualTo("boom");
    assertThat(ComparableSpans.map(span.attributes()))
        .containsExactly(
            Map.entry("int.number", 7L),
            Map.entry("int.string", Long.MIN_VALUE),
            Map.entry("double.int", 3.0),
            Map.entry("double.string", 1.5),
            Map.entry("double.inf", Double.NEGATIVE_INFINITY),
            Map.entry("bool.string", true),
            Map.entry("bytes.url", ByteBuffer.wrap(TestRequests.BYTES)),
            Map.entry("bytes.std", ByteBuffer.wrap(TestRequests.BYTES)),
            Map.entry("list", List.of(1L, false)),
            Map.entry("map", Map.of("k", "v")),
            Map.entry("", "keyless"));
  }

  @Test
  void decode_ignoresUnknownFieldsAndNulls() {
    SpanRecord span =
        single(
            JsonBodies.spans(
                """
        {'traceId':'5b8efff798038103d269b633813fc60c','spanId':'eee19b7ec3c1b174','name':'n',
         'traceState':'a=b','flags':257,'links':[{'traceId':'x','attributes':[1,2]}],'future':{'a':[{}]},
         'status':null,'attributes':null,'events':[{'name':'e','timeUnixNano':null,'attributes':null,'x':1}]}"""));

    assertThat(span.name()).isEqualTo("n");
    assertThat(span.statusCode()).isZero();
    assertThat(span.attributes()).isEmpty();
    assertThat(span.events()).containsExactly(new SpanRecord.SpanEvent("e", 0, Map.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'resourceSpans':[{'scopeSpans':[{'spans':[{'traceId':'5b8e",
        "{'resourceSpans':[",
        "{'resourceSpans':[]} {}",
        "[]",
        "null",
        "'text'",
        "{'resourceSpans':[]]}"
      })
  void decode_unparseableJsonIsMalformed(String body) {
    assertMalformed(json(body), "OTLP/JSON");
  }

  @Test
  void decode_wrongShapesOfTheRequestAreMalformedNamingTheField() {
    assertMalformed(json("{'resourceSpans':{}}"), "resourceSpans must be an array, got an object");
    assertMalformed(
        json("{'resourceSpans':[{'scopeSpans':[{'spans':'x'}]}]}"), "spans must be an array");
  }

  /** A field of the wrong shape rejects its span alone, naming the field; its neighbours stay. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'attributes':{'a':1}                                      | attributes must be an array",
        "'name':5                                                  | name must be a string",
        "'name':{'x':[1,{'y':2}]}                                  | name must be a string",
        "'startTimeUnixNano':'soon'                                | startTimeUnixNano must be a 64-bit integer",
        "'startTimeUnixNano':'9999-12-31T23:59:59Z'                | startTimeUnixNano",
        "'endTimeUnixNano':1e400                                   | endTimeUnixNano",
        "'kind':'SPAN_KIND_SIDEWAYS'                               | kind has an unknown value",
        "'kind':[5]                                                | kind",
        "'kind':9223372036854775808                                | kind is out of the 32-bit range",
        "'status':{'code':-99999999999}                            | status.code is out of the 32-bit range",
        "'spanId':{}                                               | spanId must be a string",
        "'status':5                                                | status must be an object",
        "'status':{'code':'BAD'}                                   | status.code has an unknown value",
        "'events':{}                                               | events must be an array",
        "'events':[5,{'name':'e'}]                                 | events element must be an object",
        "'attributes':[{'key':'b','value':{'bytesValue':'***'}}]   | bytesValue is not base64",
        "'attributes':[{'key':'i','value':{'intValue':1e400}}]     | intValue",
        "'attributes':[{'key':'l','value':{'arrayValue':{'values':[{'intValue':'x'}]}}},{'key':'ok','value':{'stringValue':'s'}}] | intValue",
      })
  void decode_aSpanFieldOfTheWrongShapeRejectsThatSpanOnly(String badField, String message) {
    String bad =
        "{'traceId':'" + JsonBodies.TRACE_ID + "','spanId':'2222222222222222'," + badField + "}";
    DecodedSpans decoded =
        decoder.decode(
            JsonBodies.spans(
                JsonBodies.goodSpan("1111111111111111", "before"),
                bad,
                JsonBodies.goodSpan("3333333333333333", "after")));
    assertThat(decoded.spans()).extracting(SpanRecord::name).containsExactly("before", "after");
    assertThat(decoded.rejected()).hasSize(1);
    assertThat(decoded.rejected().getFirst().reason()).contains(message);
  }

  @Test
  void decode_aSpansElementThatIsNoObjectIsRejectedAlone() {
    DecodedSpans decoded =
        decoder.decode(JsonBodies.spans("5", JsonBodies.goodSpan("3333333333333333", "after")));
    assertThat(decoded.spans()).extracting(SpanRecord::name).containsExactly("after");
    assertThat(decoded.rejected().getFirst().reason()).contains("spans element must be an object");
  }

  @Test
  void decode_aResourceOrScopeOfTheWrongShapeRejectsItsOwnSpansOnly() {
    byte[] body =
        json(
            "{'resourceSpans':["
                + "{'resource':{'attributes':{'a':1}},'scopeSpans':[{'spans':["
                + JsonBodies.goodSpan("1111111111111111", "bad-resource")
                + "]}]},"
                + "{'scopeSpans':[{'scope':{'name':7},'spans':["
                + JsonBodies.goodSpan("2222222222222222", "bad-scope")
                + "]},{'scope':{'name':'ok'},'spans':["
                + JsonBodies.goodSpan("3333333333333333", "kept")
                + "]}]}]}");
    DecodedSpans decoded = decoder.decode(body);
    assertThat(decoded.spans()).extracting(SpanRecord::name).containsExactly("kept");
    assertThat(decoded.rejected())
        .extracting(r -> r.reason())
        .anyMatch(r -> r.contains("resource.attributes must be an array"))
        .anyMatch(r -> r.contains("scope.name must be a string"));
  }

  private void assertMalformed(byte[] body, String message) {
    assertThatThrownBy(() -> decoder.decode(body))
        .isInstanceOfSatisfying(
            BadPayloadException.class,
            e -> assertThat(e.reason()).isEqualTo(BadPayloadException.Reason.MALFORMED))
        .hasMessageContaining(message);
  }
}

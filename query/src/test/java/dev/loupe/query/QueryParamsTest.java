package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.ObservationType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
  @Test
  void parse_decodesPercentAndPlusAndKeepsRepeatedValuesInOrder() {
    QueryParams p = QueryParams.parse("tags=a%20b&tags=c&name=chat+turn&empty=&flag");

    assertThat(p.strings("tags")).containsExactly("a b", "c");
    assertThat(p.string("name")).isEqualTo("chat turn");
    assertThat(p.has("empty")).isFalse();
    assertThat(p.has("flag")).isFalse();
  }

  @Test
  void parse_badPercentEncodingNamesTheParameter() {
    assertThatThrownBy(() -> QueryParams.parse("userId=%zz"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("userId:");
  }

  @Test
  void string_conflictingRepeatedValuesAreRejected() {
    assertThat(QueryParams.parse("name=a&name=a").string("name")).isEqualTo("a");
    assertThatThrownBy(() -> QueryParams.parse("name=a&name=b").string("name"))
        .hasMessage("name: expected one value, got 2");
  }

  @Test
  void integer_outOfRangeOrNotANumberNamesTheParameter() {
    QueryParams p = QueryParams.parse("limit=500&page=x");

    assertThat(QueryParams.EMPTY.integer("limit", 50, 1, 100)).isEqualTo(50);
    assertThatThrownBy(() -> p.integer("limit", 50, 1, 100))
        .hasMessage("limit: must be between 1 and 100, got 500");
    assertThatThrownBy(() -> p.integer("page", 1, 1, 10)).hasMessage("page: not an integer: 'x'");
  }

  @Test
  void instant_acceptsUtcOffsetsLocalTimesAndDates() {
    assertThat(QueryParams.parse("t=2025-01-31T12:00:00.5Z").instant("t"))
        .isEqualTo(Instant.parse("2025-01-31T12:00:00.500Z"));
    assertThat(QueryParams.parse("t=2025-01-31T13:00:00%2B01:00").instant("t"))
        .isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
    assertThat(QueryParams.parse("t=2025-01-31T12:00:00").instant("t"))
        .isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
    assertThat(QueryParams.parse("t=2025-01-31").instant("t"))
        .isEqualTo(Instant.parse("2025-01-31T00:00:00Z"));
    assertThatThrownBy(() -> QueryParams.parse("fromTimestamp=yesterday").instant("fromTimestamp"))
        .hasMessage("fromTimestamp: not an ISO-8601 timestamp: 'yesterday'");
  }

  @Test
  void choice_unknownValueListsTheAllowedOnes() {
    assertThat(QueryParams.parse("type=generation").choice("type", ObservationType::fromWire, "x"))
        .isEqualTo(ObservationType.GENERATION);
    assertThatThrownBy(
            () -> QueryParams.parse("type=llm").choice("type", ObservationType::fromWire, "[SPAN]"))
        .hasMessage("type: unknown value 'llm'; expected one of [SPAN]");
  }
}

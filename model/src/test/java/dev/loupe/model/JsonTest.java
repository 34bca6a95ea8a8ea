package dev.loupe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Merging metadata objects: newer keys win, the text comes out compact. */
class JsonTest {
  @Test
  void mergeObjects_newerKeysWin_inOlderKeyOrder() {
    assertThat(Json.mergeObjects("{\"a\":1,\"b\":2}", "{\"b\":3,\"c\":4}"))
        .isEqualTo("{\"a\":1,\"b\":3,\"c\":4}");
  }

  @Test
  void mergeObjects_ofEqualText_isWhatMergingDifferentTextOfTheSameObjectGives() {
    String loose = "{ \"a\" : 1, \"b\": {\"x\" : [1, 2]}, \"a\": 2 }";
    String other = "{\"a\":2,\"b\":{\"x\":[1,2]}}";

    assertThat(Json.mergeObjects(loose, loose))
        .isEqualTo(Json.mergeObjects(loose, other))
        .isEqualTo("{\"a\":2,\"b\":{\"x\":[1,2]}}");
    assertThat(Json.mergeObjects("[1]", "[1]")).isEqualTo("[1]");
    String compact = "{\"a\":2,\"b\":{\"x\":[1,2]}}";
    for (int i = 0; i < 3; i++) assertThat(Json.mergeObjects(compact, compact)).isEqualTo(compact);
    assertThat(Json.mergeObjects(loose, loose)).isEqualTo(compact);
    assertThat(Json.mergeObjects("{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}")).isEqualTo("{\"a\":2}");
    assertThatThrownBy(() -> Json.mergeObjects("{broken", "{broken"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
  }
}

package dev.loupe.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoupeBuilderTest {
  @Test
  void env_loupeKeysGiveBasicAuthOnTheLangfuseOtelPath() {
    ExportTarget t =
        Loupe.builder()
            .env(
                Map.of(
                    "LOUPE_BASE_URL", "http://loupe:3000/",
                    "LOUPE_PUBLIC_KEY", "pk-lf-1",
                    "LOUPE_SECRET_KEY", "sk-lf-1"))
            .exportTarget();
    assertThat(t.endpoint()).isEqualTo("http://loupe:3000/api/public/otel/v1/traces");
    assertThat(t.headers())
        .containsEntry(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("pk-lf-1:sk-lf-1".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void env_langfuseNamesAndHostAreRead() {
    ExportTarget t =
        Loupe.builder()
            .env(
                Map.of(
                    "LANGFUSE_HOST", "https://lf.example",
                    "LANGFUSE_PUBLIC_KEY", "pk",
                    "LANGFUSE_SECRET_KEY", "sk"))
            .exportTarget();
    assertThat(t.endpoint()).isEqualTo("https://lf.example/api/public/otel/v1/traces");
  }

  @Test
  void env_lemmaKeyGivesBearerAndProjectHeader() {
    ExportTarget t =
        Loupe.builder()
            .env(
                Map.of(
                    "LEMMA_API_KEY", "lma_x",
                    "LEMMA_PROJECT_ID", "proj_1",
                    "LEMMA_BASE_URL", "http://lemma:8080"))
            .exportTarget();
    assertThat(t.endpoint()).isEqualTo("http://lemma:8080/otel/v1/traces");
    assertThat(t.headers())
        .containsEntry("Authorization", "Bearer lma_x")
        .containsEntry("X-Lemma-Project-ID", "proj_1");
  }

  @Test
  void env_fullEndpointUrlIsKept() {
    ExportTarget t =
        Loupe.builder()
            .env(
                Map.of(
                    "LEMMA_API_KEY", "lma_x",
                    "LEMMA_PROJECT_ID", "proj_1",
                    "LEMMA_BASE_URL", "https://lemma.example/otel/v1/traces"))
            .exportTarget();
    assertThat(t.endpoint()).isEqualTo("https://lemma.example/otel/v1/traces");
  }

  @Test
  void build_incompleteKeysGiveANoopLoupe() {
    assertThat(Loupe.builder().env(Map.of("LOUPE_PUBLIC_KEY", "pk")).build().isEnabled()).isFalse();
    assertThat(Loupe.builder().env(Map.of("LEMMA_API_KEY", "lma")).build().isEnabled()).isFalse();
    assertThat(Loupe.builder().env(Map.of()).build()).isSameAs(Loupe.noop());
  }

  @Test
  void build_keysGiveAnEnabledStandaloneLoupe() {
    try (Loupe loupe =
        Loupe.builder()
            .keys("pk", "sk")
            .baseUrl("http://127.0.0.1:1")
            .shutdownHook(false)
            .build()) {
      assertThat(loupe.isEnabled()).isTrue();
    }
  }
}

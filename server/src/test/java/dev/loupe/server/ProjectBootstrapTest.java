package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.ApiKey;
import dev.loupe.model.Project;
import dev.loupe.server.auth.ApiKeys;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.ProjectStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProjectBootstrapTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final ProjectStore store = new InMemoryStorage().projectStore();
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  void run(InitProject init, Instant now) {
    new ProjectBootstrap(
            store,
            Clock.fixed(now, ZoneOffset.UTC),
            new PrintStream(printed, true, StandardCharsets.UTF_8))
        .run(init);
  }

  String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group();
  }

  @Test
  void emptyStore_createsDefaultProjectWithGeneratedKeysPrintedOnceAndStoredHashed() {
    run(null, T0);

    String out = printed();
    String pk = find(out, "pk-lf-[0-9a-f]{40}");
    String sk = find(out, "sk-lf-[0-9a-f]{40}");
    String apiKey = find(out, "lma_[0-9a-f]{40}");
    assertThat(store.projects()).extracting(Project::id).containsExactly("default");
    ApiKey basic = store.key(ApiKey.Kind.BASIC, pk).orElseThrow();
    assertThat(basic.secretHash()).matches("[0-9a-f]{64}").isNotEqualTo(sk);
    assertThat(ApiKeys.matches(sk, basic.secretHash())).isTrue();
    ApiKey bearer = store.key(ApiKey.Kind.BEARER, ApiKeys.bearerKeyId(apiKey)).orElseThrow();
    assertThat(bearer.projectId()).isEqualTo("default");
    assertThat(bearer.publicKey()).doesNotContain(apiKey.substring(4));
    assertThat(ApiKeys.matches(apiKey, bearer.secretHash())).isTrue();
  }

  @Test
  void laterStart_printsNoSecretsAndCreatesNothing() {
    run(null, T0);
    printed.reset();

    run(null, T0.plusSeconds(60));

    assertThat(printed()).isEmpty();
    assertThat(store.keys("default")).hasSize(2);
  }

  @Test
  void initProject_isCreatedWithItsKeysAndNoDefaultProject() {
    run(InitProject.of("p1", "pk-lf-1", "sk-lf-1", "lma_1"), T0);

    assertThat(printed()).isEmpty();
    assertThat(store.projects()).extracting(Project::id).containsExactly("p1");
    assertThat(
            ApiKeys.matches(
                "sk-lf-1", store.key(ApiKey.Kind.BASIC, "pk-lf-1").orElseThrow().secretHash()))
        .isTrue();
    assertThat(
            store.key(ApiKey.Kind.BEARER, ApiKeys.bearerKeyId("lma_1")).orElseThrow().projectId())
        .isEqualTo("p1");
  }

  @Test
  void initProject_isIdempotentAndUpdatesTheSecret() {
    run(InitProject.of("p1", "pk-lf-1", "sk-lf-1", null), T0);
    run(InitProject.of("p1", "pk-lf-1", "sk-lf-1", null), T0.plusSeconds(60));
    assertThat(store.project("p1").orElseThrow().createdAt()).isEqualTo(T0);
    assertThat(store.keys("p1")).singleElement().extracting(ApiKey::createdAt).isEqualTo(T0);

    run(new InitProject("p1", "Renamed", "pk-lf-1", "sk-lf-2", null), T0.plusSeconds(120));

    assertThat(store.project("p1").orElseThrow()).isEqualTo(new Project("p1", "Renamed", T0));
    String hash = store.key(ApiKey.Kind.BASIC, "pk-lf-1").orElseThrow().secretHash();
    assertThat(ApiKeys.matches("sk-lf-2", hash)).isTrue();
    assertThat(ApiKeys.matches("sk-lf-1", hash)).isFalse();
  }

  @Test
  void initProject_refusesToTakeAnotherProjectsKey() {
    run(InitProject.of("p1", "pk-lf-1", "sk-lf-1", null), T0);

    assertThatThrownBy(() -> run(InitProject.of("p2", "pk-lf-1", "sk-lf-1", null), T0))
        .hasMessage("LOUPE_INIT_PROJECT_PUBLIC_KEY already belongs to project p1");
  }
}

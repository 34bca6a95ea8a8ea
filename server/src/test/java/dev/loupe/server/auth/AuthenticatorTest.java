package dev.loupe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Project;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.ProjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  final ProjectStore store = new InMemoryStorage().projectStore();
  final AtomicLong nanos = new AtomicLong();
  final Authenticator auth = new Authenticator(store, nanos::get);

  @BeforeEach
  void keys() {
    for (String p : new String[] {"a", "b"}) {
      store.saveProject(new Project(p, p, T0));
      store.saveKey(ApiKeys.basic(p, "pk-" + p, "sk-" + p, T0));
      store.saveKey(ApiKeys.bearer(p, "lma_" + p, T0));
    }
  }

  static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basic_rightPairGivesItsProject() {
    assertThat(auth.authenticate(Access.BASIC, basic("pk-a:sk-a"), null)).isEqualTo("a");
    assertThat(auth.authenticate(Access.ANY, basic("pk-b:sk-b"), null)).isEqualTo("b");
  }

  @Test
  void basic_wrongSecretUnknownKeyOrGarbageIsRejected() {
    assertThatThrownBy(() -> auth.authenticate(Access.BASIC, basic("pk-a:sk-b"), null))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("invalid public key or secret key");
    assertThatThrownBy(() -> auth.authenticate(Access.BASIC, basic("pk-x:sk-a"), null))
        .hasMessage("invalid public key or secret key");
    assertThatThrownBy(() -> auth.authenticate(Access.BASIC, basic("pk-a"), null))
        .hasMessageContaining("expected publicKey:secretKey");
    assertThatThrownBy(() -> auth.authenticate(Access.BASIC, "Basic %%%", null))
        .hasMessageContaining("not base64");
    assertThatThrownBy(() -> auth.authenticate(Access.BASIC, null, null))
        .hasMessageStartingWith("missing Authorization header");
  }

  @Test
  void bearer_needsTheKeysOwnProjectInTheHeader() {
    assertThat(auth.authenticate(Access.BEARER, "Bearer lma_a", "a")).isEqualTo("a");
    assertThatThrownBy(() -> auth.authenticate(Access.BEARER, "Bearer lma_a", "b"))
        .hasMessage("invalid API key for project b");
    assertThatThrownBy(() -> auth.authenticate(Access.BEARER, "Bearer lma_a", null))
        .hasMessageStartingWith("missing X-Lemma-Project-ID header");
    assertThatThrownBy(() -> auth.authenticate(Access.BEARER, "Bearer lma_wrong", "a"))
        .hasMessage("invalid API key for project a");
  }

  @Test
  void scheme_mustBeOneTheRouteTakes() {
    assertThatThrownBy(() -> auth.authenticate(Access.BASIC, "Bearer lma_a", "a"))
        .hasMessageStartingWith("unsupported Authorization scheme; send Authorization: Basic");
    assertThatThrownBy(() -> auth.authenticate(Access.BEARER, basic("pk-a:sk-a"), null))
        .hasMessageStartingWith("unsupported Authorization scheme; send Authorization: Bearer");
    assertThatThrownBy(() -> auth.authenticate(Access.ANY, "Digest x", null))
        .hasMessageStartingWith("unsupported Authorization scheme");
    assertThat(auth.authenticate(Access.ANY, "bearer lma_b", "b")).isEqualTo("b");
  }

  @Test
  void cache_remembersSuccessesBrieflyThenLooksUpAgain() {
    assertThat(auth.authenticate(Access.BASIC, basic("pk-a:sk-a"), null)).isEqualTo("a");
    store.saveKey(ApiKeys.basic("a", "pk-a", "sk-rotated", T0));

    assertThat(auth.authenticate(Access.BASIC, basic("pk-a:sk-a"), null)).isEqualTo("a");
    nanos.addAndGet(31_000_000_000L);
    assertThatThrownBy(() -> auth.authenticate(Access.BASIC, basic("pk-a:sk-a"), null))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void cache_neverRemembersFailures() {
    assertThatThrownBy(() -> auth.authenticate(Access.BASIC, basic("pk-c:sk-c"), null))
        .isInstanceOf(AuthenticationException.class);
    store.saveProject(new Project("c", "c", T0));
    store.saveKey(ApiKeys.basic("c", "pk-c", "sk-c", T0));

    assertThat(auth.authenticate(Access.BASIC, basic("pk-c:sk-c"), null)).isEqualTo("c");
  }
}

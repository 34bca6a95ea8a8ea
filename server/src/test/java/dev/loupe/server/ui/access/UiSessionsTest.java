package dev.loupe.server.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UiSessionsTest {
  private Instant now = Instant.parse("2026-01-05T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

  @Test
  void aSessionStartedByOneNodeIsAcceptedByAnotherWithTheSameKeyOnly() {
    UiSessions nodeA = new UiSessions(clock, KEY);
    UiSessions nodeB = new UiSessions(clock, KEY.clone());
    UiSessions otherKey = new UiSessions(clock, "another key, also 32 bytes long!".getBytes());
    String token = nodeA.create("p1", true);

    assertThat(nodeB.signedIn(token)).contains(new UiSessions.SignedIn("p1", true));
    assertThat(otherKey.signedIn(token)).isEmpty();
    // an admin switching projects on node B gets a token node A accepts
    String switched = nodeB.switchProject(token, "p2").orElseThrow();
    assertThat(nodeA.projectId(switched)).contains("p2");
    assertThat(nodeA.switchProject(nodeA.create("p1"), "p2")).isEmpty(); // key-pair sessions
  }

  @Test
  void aTamperedTokenIsRefused() {
    UiSessions sessions = new UiSessions(clock, KEY);
    String token = sessions.create("p1");
    String[] parts = token.split("\\.");
    String payload =
        new String(
            java.util.Base64.getUrlDecoder().decode(parts[1]),
            java.nio.charset.StandardCharsets.UTF_8);
    String forgedPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                payload
                    .replace("|p1", "|p2")
                    .replace("k|", "a|")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(sessions.signedIn(parts[0] + "." + forgedPayload + "." + parts[2])).isEmpty();
    assertThat(sessions.signedIn(token + "x")).isEmpty();
    assertThat(sessions.signedIn("v1.bm9wZQ.AAAA")).isEmpty();
    assertThat(sessions.signedIn("garbage")).isEmpty();
    assertThat(sessions.signedIn(token)).contains(new UiSessions.SignedIn("p1", false));
  }

  @Test
  void session_expiresAfterItsLifetime() {
    UiSessions sessions = new UiSessions(clock, KEY);
    String id = sessions.create("p1");

    now = now.plus(UiSessions.LIFETIME).minusSeconds(1);
    assertThat(sessions.projectId(id)).contains("p1");
    now = now.plusSeconds(1);
    assertThat(sessions.projectId(id)).isEmpty();
  }

  @Test
  void session_idsAreDistinctAndEndAtLogout() {
    UiSessions sessions = new UiSessions(clock, KEY);
    String a = sessions.create("p1");
    String b = sessions.create("p1");

    sessions.end(a);

    assertThat(a).isNotEqualTo(b);
    assertThat(sessions.projectId(a)).isEmpty();
    assertThat(sessions.projectId(b)).contains("p1");
    assertThat(sessions.projectId(null)).isEmpty();
  }

  @Test
  void cookie_sessionIsReadAmongOtherCookies() {
    assertThat(Cookies.session("a=1; loupe_session=abc; b=2")).isEqualTo("abc");
    assertThat(Cookies.session("loupe_sessionx=abc")).isNull();
    assertThat(Cookies.session(null)).isNull();
  }
}

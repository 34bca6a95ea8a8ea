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

  @Test
  void session_expiresAfterItsLifetime() {
    UiSessions sessions = new UiSessions(clock);
    String id = sessions.create("p1");

    now = now.plus(UiSessions.LIFETIME).minusSeconds(1);
    assertThat(sessions.projectId(id)).contains("p1");
    now = now.plusSeconds(1);
    assertThat(sessions.projectId(id)).isEmpty();
  }

  @Test
  void session_idsAreDistinctAndEndAtLogout() {
    UiSessions sessions = new UiSessions(clock);
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

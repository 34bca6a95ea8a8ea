package dev.loupe.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judge keys sealed with AES-256-GCM: round trip, fresh nonce, bound to their owner and key. */
class JudgeKeysTest {
  @TempDir Path dir;

  @Test
  void seal_opensForItsOwnerOnly_andNeverTwiceTheSame() {
    JudgeKeys keys = JudgeKeys.load(null, dir);
    String a = keys.seal("p/c1", "sk-secret");
    String b = keys.seal("p/c1", "sk-secret");

    assertThat(a).startsWith("v1:").doesNotContain("sk-secret").isNotEqualTo(b);
    assertThat(keys.open("p/c1", a)).isEqualTo("sk-secret");
    assertThatThrownBy(() -> keys.open("other/c1", a)).isInstanceOf(IllegalStateException.class);
    byte[] bytes = Base64.getDecoder().decode(a.substring(3));
    bytes[20] ^= 1; // one bit of the ciphertext
    String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);
    assertThatThrownBy(() -> keys.open("p/c1", tampered)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void load_createsTheKeyFileOnce_ownerOnly_andTheEnvKeyWins() throws Exception {
    String sealed = JudgeKeys.load(null, dir).seal("o", "v");
    Path file = dir.resolve(JudgeKeys.FILE_NAME);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(JudgeKeys.load(null, dir).open("o", sealed)).isEqualTo("v");

    String env = Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(() -> JudgeKeys.load(env, dir).open("o", sealed))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JudgeKeys.load("c2hvcnQ=", dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOUPE_EVAL_KEY");
  }
}

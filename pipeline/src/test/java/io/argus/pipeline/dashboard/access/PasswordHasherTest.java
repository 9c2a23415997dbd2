package io.argus.pipeline.dashboard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(2_000);

  @Test
  void shouldVerifyTheRightPasswordOnly() {
    PasswordHash stored = hasher.hash("correct horse battery".toCharArray());

    assertThat(PasswordHasher.verify("correct horse battery".toCharArray(), stored)).isTrue();
    assertThat(PasswordHasher.verify("correct horse batterY".toCharArray(), stored)).isFalse();
    assertThat(PasswordHasher.verify(new char[0], stored)).isFalse();
  }

  @Test
  void shouldSaltEachHashSoTheSamePasswordHashesDifferently() {
    PasswordHash first = hasher.hash("same password here".toCharArray());
    PasswordHash second = hasher.hash("same password here".toCharArray());

    assertThat(first.salt()).hasSize(16).isNotEqualTo(second.salt());
    assertThat(first.hash()).hasSize(32).isNotEqualTo(second.hash());
  }

  @Test
  void shouldWriteTheIterationsAndSaltWithTheHashAndReadThemBack() {
    PasswordHash stored = hasher.hash("correct horse battery".toCharArray());

    String written = stored.format();
    PasswordHash read = PasswordHash.parse(written);

    assertThat(written).startsWith("pbkdf2-sha256:2000:");
    assertThat(read.iterations()).isEqualTo(2_000);
    assertThat(PasswordHasher.verify("correct horse battery".toCharArray(), read)).isTrue();
    assertThat(stored.toString()).doesNotContain(written.substring(written.lastIndexOf(':') + 1));
  }

  @Test
  void shouldUseSixHundredThousandIterationsByDefault() {
    assertThat(PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(600_000);
  }

  @Test
  void shouldRefuseAHashInAnotherFormat() {
    assertThatThrownBy(() -> PasswordHash.parse("$2a$10$abcdefghijklmnopqrstuv"))
        .hasMessageContaining("pbkdf2-sha256:ITERATIONS:SALT:HASH");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:many:AAAA:BBBB"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldClearAPasswordsCharacters() {
    char[] password = "secret secret".toCharArray();

    PasswordHasher.clear(password);

    assertThat(password).containsOnly('\0');
  }
}

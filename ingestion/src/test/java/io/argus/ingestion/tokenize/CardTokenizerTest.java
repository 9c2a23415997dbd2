package io.argus.ingestion.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardTokenizerTest {

  private static final String CARD = "4111111111111111";

  @TempDir
  Path directory;

  @Test
  void shouldGiveTheSameCardTheSameHexToken() {
    String token = TestKeys.tokenizer().token(CARD);

    assertThat(token).hasSize(64).matches("[0-9a-f]+").doesNotContain(CARD).isEqualTo(TestKeys.tokenizer().token(CARD));
    assertThat(TestKeys.tokenizer().token("5555555555554444")).isNotEqualTo(token);
  }

  @Test
  void shouldIgnoreSpacesAndDashes() {
    CardTokenizer tokenizer = TestKeys.tokenizer();

    assertThat(tokenizer.token("4111 1111 1111 1111")).isEqualTo(tokenizer.token(CARD))
        .isEqualTo(tokenizer.token("4111-1111-1111-1111"));
  }

  @Test
  void shouldGiveDifferentTokensUnderDifferentKeys() {
    assertThat(TestKeys.tokenizer('a').token(CARD)).isNotEqualTo(TestKeys.tokenizer('b').token(CARD));
    assertThat(TestKeys.tokenizer('a').keyId()).hasSize(8).isNotEqualTo(TestKeys.tokenizer('b').keyId());
  }

  @Test
  void shouldMatchAnIndependentHmacSha256() throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("k".repeat(32).getBytes(), "HmacSHA256"));

    assertThat(TestKeys.tokenizer('k').token(CARD))
        .isEqualTo(java.util.HexFormat.of().formatHex(mac.doFinal(CARD.getBytes())));
  }

  @Test
  void shouldReadTheKeyFromAFile() throws Exception {
    Path keyFile = directory.resolve("token.key");
    Files.writeString(keyFile, TestKeys.environment('k').get(CardTokenizer.KEY_ENVIRONMENT_VARIABLE) + "\n");

    assertThat(CardTokenizer.fromKeyFile(keyFile).token(CARD)).isEqualTo(TestKeys.tokenizer('k').token(CARD));
  }

  @Test
  void shouldSayHowToProvideAMissingKey() {
    assertThatThrownBy(() -> CardTokenizer.fromEnvironment(Map.of())).isInstanceOf(TokenKeyException.class)
        .hasMessageContaining("ARGUS_TOKEN_KEY").hasMessageContaining("--token-key-file")
        .hasMessageContaining("openssl rand -base64 32");
    assertThatThrownBy(() -> CardTokenizer.fromKeyFile(directory.resolve("absent.key")))
        .isInstanceOf(TokenKeyException.class).hasMessageContaining("absent.key").hasMessageContaining("does not exist");
  }

  @Test
  void shouldRefuseKeysThatAreNotBase64OrTooShort() {
    assertThatThrownBy(() -> CardTokenizer.fromEnvironment(Map.of(CardTokenizer.KEY_ENVIRONMENT_VARIABLE, "not base64!")))
        .isInstanceOf(TokenKeyException.class).hasMessageContaining("not Base64");
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> CardTokenizer.fromEnvironment(Map.of(CardTokenizer.KEY_ENVIRONMENT_VARIABLE, shortKey)))
        .isInstanceOf(TokenKeyException.class).hasMessageContaining("16 bytes").hasMessageContaining("at least 32");
  }

  @Test
  void shouldGenerateADifferentThrowawayKeyEachTime() {
    assertThat(CardTokenizer.throwaway().token(CARD)).isNotEqualTo(CardTokenizer.throwaway().token(CARD));
  }

  @Test
  void shouldRefuseNonDigitsWithoutEchoingTheNumber() {
    assertThatThrownBy(() -> TestKeys.tokenizer().token("4111111111111111x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 16")
        .hasMessageNotContaining("4111");
  }
}

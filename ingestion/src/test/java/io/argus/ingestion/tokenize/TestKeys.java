package io.argus.ingestion.tokenize;

import java.util.Base64;
import java.util.Map;

/** Fixed card-token keys for tests, handed over the way production gets them: as an environment. */
public final class TestKeys {

  private TestKeys() {
  }

  public static CardTokenizer tokenizer() {
    return tokenizer('k');
  }

  /** A tokenizer whose 32-byte key repeats {@code fill}. */
  public static CardTokenizer tokenizer(char fill) {
    return CardTokenizer.fromEnvironment(environment(fill));
  }

  public static Map<String, String> environment(char fill) {
    return Map.of(CardTokenizer.KEY_ENVIRONMENT_VARIABLE,
        Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes()));
  }
}

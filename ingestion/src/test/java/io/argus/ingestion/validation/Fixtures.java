package io.argus.ingestion.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.ingestion.tokenize.TestKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Readable fixtures for validation tests: a fixed clock, a valid record, and ways to break it. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  public static final Instant ONE_MINUTE_EARLIER = T0.minusSeconds(60);
  public static final String CARD = "4111111111111111";
  public static final SourcePosition SOURCE = new SourcePosition("transactions-raw", 2, 41);

  private Fixtures() {
  }

  public static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  public static TransactionValidator validator() {
    return new TransactionValidator(TestKeys.tokenizer(), ValidationLimits.DEFAULTS, clockAt(T0));
  }

  /** A valid transaction {@code id} of {@code amount} EUR on {@link #CARD} a minute before {@link #T0}. */
  public static ObjectNode tx(String id, String amount) {
    return tx(id, CARD, amount, ONE_MINUTE_EARLIER);
  }

  public static ObjectNode tx(String id, String card, String amount, Instant at) {
    return TransactionJson.of(id, at, card, "c-42", "term-7", new BigDecimal(amount), "EUR").node();
  }

  public static byte[] bytes(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

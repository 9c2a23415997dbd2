package io.argus.ingestion.validation;

import static io.argus.ingestion.validation.Fixtures.CARD;
import static io.argus.ingestion.validation.Fixtures.ONE_MINUTE_EARLIER;
import static io.argus.ingestion.validation.Fixtures.SOURCE;
import static io.argus.ingestion.validation.Fixtures.T0;
import static io.argus.ingestion.validation.Fixtures.bytes;
import static io.argus.ingestion.validation.Fixtures.tx;
import static io.argus.ingestion.validation.Fixtures.validator;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.avro.Channel;
import io.argus.avro.GeoLocation;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.tokenize.TestKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionValidatorTest {

  @Test
  void shouldAcceptTheContractExample() {
    byte[] json = bytes("""
        {"transaction_id": "t-000001", "event_time": "2026-11-25T09:15:30Z", "card_number": "4111111111111111",
         "customer_id": "c-42", "terminal_id": "term-7", "amount": "57.16", "currency": "EUR",
         "merchant_category": "5411", "channel": "online", "latitude": 50.85, "longitude": 4.35, "note": "ignored"}""");

    ValidationResult result = validator().validate(json, SOURCE);

    Transaction transaction = result.transaction();
    assertThat(result.isAccepted()).isTrue();
    assertThat(transaction.getTransactionId()).isEqualTo("t-000001");
    assertThat(transaction.getEventTime()).isEqualTo(java.time.Instant.parse("2026-11-25T09:15:30Z"));
    assertThat(transaction.getCardToken()).isEqualTo(TestKeys.tokenizer().token(CARD));
    assertThat(transaction.getCustomerId()).isEqualTo("c-42");
    assertThat(transaction.getTerminalId()).isEqualTo("term-7");
    assertThat(transaction.getAmountMinor()).isEqualTo(5716);
    assertThat(transaction.getCurrency()).isEqualTo("EUR");
    assertThat(transaction.getMerchantCategory()).isEqualTo("5411");
    assertThat(transaction.getChannel()).isEqualTo(Channel.ONLINE);
    assertThat(transaction.getLocation()).isEqualTo(new GeoLocation(50.85, 4.35));
    assertThat(transaction.getIngestTime()).isEqualTo(T0);
  }

  @Test
  void shouldFillDefaultsForOptionalFields() {
    Transaction transaction = validator().validate(bytes(tx("t-1", "10")), SOURCE).transaction();

    assertThat(transaction.getMerchantCategory()).isEqualTo("0000");
    assertThat(transaction.getChannel()).isEqualTo(Channel.CARD_PRESENT);
    assertThat(transaction.getLocation()).isNull();
  }

  @Test
  void shouldConvertAmountsExactlyIntoEachCurrencysMinorUnits() {
    assertThat(amountMinor(tx("t", "57.16").put("amount", 57.16), "EUR")).isEqualTo(5716);
    assertThat(amountMinor(tx("t", "0.1").put("amount", "0.10"), "EUR")).isEqualTo(10);
    assertThat(amountMinor(tx("t", "1").put("amount", 1234), "JPY")).isEqualTo(1234);
    assertThat(amountMinor(tx("t", "1").put("amount", "1.234"), "BHD")).isEqualTo(1234);
    assertThat(amountMinor(tx("t", "1").put("amount", "1.5E2"), "USD")).isEqualTo(15000);
  }

  @Test
  void shouldAcceptAZeroAmountAuthorizationWrittenAnyWay() {
    for (String zero : new String[] {"0", "0.00", "0.000", "-0.00", "0E+3", " 0.00 "}) {
      assertThat(amountMinor(tx("t", "1").put("amount", zero), "EUR")).as(zero).isZero();
    }
    assertThat(amountMinor(tx("t", "1").put("amount", 0), "EUR")).isZero();
    assertThat(amountMinor(tx("t", "1").put("amount", new BigDecimal("0.00")), "JPY")).isZero();
    assertThat(amountMinor(tx("t", "1").put("amount", "0e99999999999"), "EUR")).as("zero whatever its exponent")
        .isZero();
  }

  @Test
  void shouldRejectAmountsThatCannotBeAPaymentEachWithItsOwnReason() {
    assertRejected(bytes(tx("t", "1").put("amount", "abc")), RejectReason.INVALID_AMOUNT, "expected a decimal");
    assertRejected(bytes(tx("t", "1").put("amount", "")), RejectReason.INVALID_AMOUNT, "expected a decimal");
    assertRejected(bytes(tx("t", "1").put("amount", "0x10")), RejectReason.INVALID_AMOUNT, "'0x10'");
    assertRejected(bytes(tx("t", "1").put("amount", "\u0661\u0662")), RejectReason.INVALID_AMOUNT,
        "expected a decimal");
    assertRejected(bytes(tx("t", "1").put("amount", "1".repeat(1_001))), RejectReason.INVALID_AMOUNT,
        "1,001 characters");
    assertRejected(bytes(tx("t", "1").put("amount", -0.01)), RejectReason.NEGATIVE_AMOUNT, "'-0.01' is negative");
    assertRejected(bytes(tx("t", "1").put("amount", "-1e99999999999")), RejectReason.NEGATIVE_AMOUNT, "negative");
    for (String infinite : new String[] {"Infinity", "-Infinity", "+inf", "nan"}) {
      assertRejected(bytes(tx("t", "1").put("amount", infinite)), RejectReason.NON_FINITE_AMOUNT,
          "is not a finite number");
    }
    assertRejected(bytes(tx("t", "1").put("amount", "1e400")), RejectReason.AMOUNT_OUT_OF_RANGE, "above the limit");
    assertRejected(bytes(tx("t", "1").put("amount", "1e99999999999")), RejectReason.AMOUNT_OUT_OF_RANGE,
        "exponent");
    assertRejected(bytes(tx("t", "1").put("amount", 1001.5).put("currency", "JPY")), RejectReason.AMOUNT_TOO_PRECISE,
        "'1001.5' has more than 0 decimal places, the minor units of JPY");
    assertRejected(bytes(tx("t", "1").put("amount", "19.990000001")), RejectReason.AMOUNT_TOO_PRECISE,
        "'19.990000001' has more than 2 decimal places, the minor units of EUR");
    assertRejected(bytes(tx("t", "1").put("amount", "0." + "0".repeat(500) + "1")),
        RejectReason.AMOUNT_TOO_PRECISE, "more than 2 decimal places");
    assertRejected(bytes(tx("t", "1").put("amount", "1e-99999999999")), RejectReason.AMOUNT_TOO_PRECISE,
        "exponent");
  }

  @Test
  void shouldKeepTheDetailShortForAnAmountWithAHugeExponent() {
    for (String json : new String[] {"1e-999999999", "-1e999999999", "1e999999999"}) {
      RejectedRecord rejection = validator().validate(bytes(tx("t", "1").put("amount", json)), SOURCE).rejection();
      RejectedRecord asNumber = validator().validate(bytes(tx("t", "1").toString()
          .replace("\"amount\":\"1\"", "\"amount\":" + json)), SOURCE).rejection();

      assertThat(rejection.getDetail()).as(json).hasSizeLessThan(200);
      assertThat(asNumber.getReason()).as(json + " as a JSON number").isEqualTo(rejection.getReason());
      assertThat(asNumber.getDetail()).as(json + " as a JSON number").hasSizeLessThan(200);
    }
  }

  @Test
  void shouldRejectANonFiniteNumberBuiltByAnArgusProducer() {
    ObjectNode record = tx("t", "1").put("amount", Double.NaN);

    ValidationResult result = validator().validate(record, bytes(record), SOURCE);

    assertThat(result.rejection().getReason()).isEqualTo(RejectReason.NON_FINITE_AMOUNT);
    assertThat(validator().validate(tx("t", "1").put("amount", Double.POSITIVE_INFINITY), new byte[0], SOURCE)
        .rejection().getReason()).isEqualTo(RejectReason.NON_FINITE_AMOUNT);
  }

  @Test
  void shouldAcceptEpochMillisecondsAndOffsets() {
    long millis = ONE_MINUTE_EARLIER.toEpochMilli();

    assertThat(validator().validate(bytes(tx("t", "1").put("event_time", millis)), SOURCE).transaction()
        .getEventTime()).isEqualTo(ONE_MINUTE_EARLIER);
    assertThat(validator().validate(bytes(tx("t", "1").put("event_time", "2026-11-25T10:59:00+01:00")), SOURCE)
        .transaction().getEventTime()).isEqualTo(ONE_MINUTE_EARLIER);
  }

  @Test
  void shouldRejectEachFaultWithItsReasonAndTheFieldNamed() {
    assertRejected(bytes("{\"transaction_id\": \"t-1\", "), RejectReason.NOT_JSON, "not JSON");
    assertRejected(bytes("{\"a\": 1} trailing"), RejectReason.NOT_JSON, "not JSON");
    assertRejected(bytes("{\"amount\": 1, \"amount\": 2}"), RejectReason.NOT_JSON, "amount");
    assertRejected(bytes("[1, 2]"), RejectReason.WRONG_FIELD_TYPE, "expected one JSON object, got array");
    assertRejected(bytes(tx("t", "1").put("amount", true)), RejectReason.WRONG_FIELD_TYPE, "amount: expected");
    assertRejected(bytes(tx("t", "1").put("card_number", 4111111111111111L)), RejectReason.WRONG_FIELD_TYPE,
        "card_number: expected a string");
    assertRejected(bytes(without("currency")), RejectReason.MISSING_FIELD, "currency: required, absent");
    assertRejected(bytes(tx("t", "1").putNull("terminal_id")), RejectReason.MISSING_FIELD, "terminal_id");
    assertRejected(bytes(tx("t", "1").put("latitude", 50.0)), RejectReason.MISSING_FIELD,
        "longitude: required when latitude");
    assertRejected(bytes(tx("t", "1").put("amount", "12,50")), RejectReason.INVALID_AMOUNT, "'12,50'");
    assertRejected(bytes(tx("t", "1").put("amount", "-3.50")), RejectReason.NEGATIVE_AMOUNT, "'-3.50' is negative");
    assertRejected(bytes(tx("t", "1").put("amount", "NaN")), RejectReason.NON_FINITE_AMOUNT, "'NaN'");
    assertRejected(bytes(tx("t", "1").put("amount", "1000000.01")), RejectReason.AMOUNT_OUT_OF_RANGE,
        "above the limit");
    assertRejected(bytes(tx("t", "1").put("amount", "12.345")), RejectReason.AMOUNT_TOO_PRECISE,
        "2 decimal places");
    assertRejected(bytes(tx("t", "1").put("currency", "XYZ")), RejectReason.UNKNOWN_CURRENCY, "'XYZ'");
    assertRejected(bytes(tx("t", "1").put("currency", "eur")), RejectReason.UNKNOWN_CURRENCY, "ISO 4217");
    assertRejected(bytes(tx("t", "1").put("currency", "XAU")), RejectReason.UNKNOWN_CURRENCY, "minor units");
    assertRejected(bytes(tx("t", "1").put("event_time", T0.plus(Duration.ofMinutes(6)).toString())),
        RejectReason.FUTURE_EVENT_TIME, "event_time");
    assertRejected(bytes(tx("t", "1").put("card_number", "4111111111111112")), RejectReason.INVALID_CARD_NUMBER,
        "Luhn");
    assertRejected(bytes(tx("t", "1").put("card_number", "411111111111")), RejectReason.INVALID_CARD_NUMBER,
        "13 to 19 digits, got 12");
    assertRejected(bytes(tx("t", "1").put("card_number", "4111-1111-1111-111O")), RejectReason.INVALID_CARD_NUMBER,
        "position 18");
    assertRejected(bytes(tx("t", "1").put("channel", "atm")), RejectReason.INVALID_FIELD, "channel: expected");
    assertRejected(bytes(tx("t", "1").put("merchant_category", "54")), RejectReason.INVALID_FIELD, "merchant_category");
    assertRejected(bytes(tx("t", "1").put("event_time", "yesterday")), RejectReason.INVALID_FIELD, "ISO-8601");
    assertRejected(bytes(tx("t", "1").put("event_time", "2026-02-30T10:00:00Z")), RejectReason.INVALID_FIELD,
        "'2026-02-30T10:00:00Z'");
    assertRejected(bytes(tx("t", "1").put("event_time", "2026-11-25T10:1x:00Z")), RejectReason.INVALID_FIELD,
        "ISO-8601");
    assertRejected(bytes(tx("t", "1").put("event_time", 1_764_000_000L)), RejectReason.INVALID_FIELD,
        "epoch seconds");
    assertRejected(bytes(tx(" ", "1")), RejectReason.INVALID_FIELD, "transaction_id");
    assertRejected(bytes(tx("t", "1").put("longitude", 4.0).put("latitude", 91.0)), RejectReason.INVALID_FIELD,
        "latitude");
    assertRejected(new byte[0], RejectReason.NOT_JSON, "empty");
    assertRejected(bytes(tx("t", "1").put("customer_id", "5555 5555 5555 4444")), RejectReason.INVALID_FIELD,
        "customer_id: holds a card number");
  }

  @Test
  void shouldRejectARecordOverTheSizeLimitKeepingItsFirstBytes() {
    byte[] json = bytes(tx("t", "1").put("padding", "x".repeat(20_000)));

    RejectedRecord rejection = validator().validate(json, SOURCE).rejection();

    assertThat(rejection.getReason()).isEqualTo(RejectReason.RECORD_TOO_LARGE);
    assertThat(rejection.getDetail()).contains("20,", "16,384");
    assertThat(rejection.getOriginalBytes().remaining()).isEqualTo(16_384);
  }

  @Test
  void shouldKeepTheSourcePositionAndTheMaskedOriginalBytes() {
    ObjectNode record = tx("t-9", "1").put("currency", "ZZZ");

    RejectedRecord rejection = validator().validate(bytes(record), SOURCE).rejection();

    String kept = StandardCharsets.UTF_8.decode(rejection.getOriginalBytes()).toString();
    assertThat(kept).isEqualTo(record.toString().replace(CARD, "411111******1111"));
    assertThat(rejection.getSourceTopic()).isEqualTo("transactions-raw");
    assertThat(rejection.getSourcePartition()).isEqualTo(2);
    assertThat(rejection.getSourceOffset()).isEqualTo(41);
    assertThat(rejection.getRejectedAt()).isEqualTo(T0);
  }

  @Test
  void shouldMaskCardNumbersInTheDetailToo() {
    RejectedRecord rejection = validator().validate(bytes(tx("t", "1").put("currency", CARD)), SOURCE).rejection();

    assertThat(rejection.getReason()).isEqualTo(RejectReason.UNKNOWN_CURRENCY);
    assertThat(rejection.getDetail()).doesNotContain(CARD).contains("411111******1111");
  }

  @Test
  void shouldHonourConfiguredLimits() {
    TransactionValidator strict = new TransactionValidator(TestKeys.tokenizer(),
        ValidationLimits.DEFAULTS.withMaxAmount(new BigDecimal("100")).withMaxClockSkew(Duration.ZERO),
        Fixtures.clockAt(T0));

    assertThat(strict.validate(bytes(tx("t", "100.01")), SOURCE).rejection().getReason())
        .isEqualTo(RejectReason.AMOUNT_OUT_OF_RANGE);
    assertThat(strict.validate(bytes(tx("t", CARD, "1", T0.plusMillis(1))), SOURCE).rejection().getReason())
        .isEqualTo(RejectReason.FUTURE_EVENT_TIME);
    assertThat(strict.validate(bytes(tx("t", CARD, "100", T0)), SOURCE).isAccepted()).isTrue();
  }

  private static ObjectNode without(String field) {
    ObjectNode record = tx("t", "1");
    record.remove(field);
    return record;
  }

  private static long amountMinor(ObjectNode record, String currency) {
    record.put("currency", currency);
    ValidationResult result = validator().validate(bytes(record), SOURCE);
    assertThat(result.rejection()).as("rejection").isNull();
    return result.transaction().getAmountMinor();
  }

  private static void assertRejected(byte[] json, RejectReason reason, String detailPart) {
    ValidationResult result = validator().validate(json, SOURCE);
    assertThat(result.isAccepted()).as("accepted: %s", new String(json, StandardCharsets.UTF_8)).isFalse();
    assertThat(result.rejection().getReason()).as(result.rejection().getDetail()).isEqualTo(reason);
    assertThat(result.rejection().getDetail()).contains(detailPart);
  }
}

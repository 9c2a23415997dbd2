package io.argus.ingestion.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The public JSON contract of {@code transactions-raw}: its field names, and a builder for producers of Argus's own
 * (the simulator, file ingest, tests), so that what they send is checked exactly like what anyone else sends.
 *
 * <pre>{@code
 * {"transaction_id": "t-000001", "event_time": "2026-11-25T10:15:30Z", "card_number": "4111111111111111",
 *  "customer_id": "c-42", "terminal_id": "term-7", "amount": "57.16", "currency": "EUR",
 *  "merchant_category": "5411", "channel": "card_present", "latitude": 50.85, "longitude": 4.35}
 * }</pre>
 */
public final class TransactionJson {

  public static final String TRANSACTION_ID = "transaction_id";
  public static final String EVENT_TIME = "event_time";
  public static final String CARD_NUMBER = "card_number";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String TERMINAL_ID = "terminal_id";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";
  public static final String MERCHANT_CATEGORY = "merchant_category";
  public static final String CHANNEL = "channel";
  public static final String LATITUDE = "latitude";
  public static final String LONGITUDE = "longitude";

  /** The fields a record must have, in the order they are checked. */
  public static final List<String> REQUIRED = List.of(
      TRANSACTION_ID, EVENT_TIME, CARD_NUMBER, CUSTOMER_ID, TERMINAL_ID, AMOUNT, CURRENCY);

  /** The values of {@link #CHANNEL}. */
  public static final String CARD_PRESENT = "card_present";
  public static final String ONLINE = "online";

  private final ObjectNode node = JsonNodeFactory.instance.objectNode();

  private TransactionJson() {
  }

  /** A record with the required fields; the amount as a decimal string. */
  public static TransactionJson of(String transactionId, Instant eventTime, String cardNumber, String customerId,
      String terminalId, BigDecimal amount, String currency) {
    TransactionJson json = new TransactionJson();
    json.node.put(TRANSACTION_ID, transactionId).put(EVENT_TIME, eventTime.toString()).put(CARD_NUMBER, cardNumber)
        .put(CUSTOMER_ID, customerId).put(TERMINAL_ID, terminalId).put(AMOUNT, amount.toPlainString())
        .put(CURRENCY, currency);
    return json;
  }

  public TransactionJson merchantCategory(String code) {
    node.put(MERCHANT_CATEGORY, code);
    return this;
  }

  public TransactionJson channel(String channel) {
    node.put(CHANNEL, channel);
    return this;
  }

  public TransactionJson location(double latitude, double longitude) {
    node.put(LATITUDE, latitude).put(LONGITUDE, longitude);
    return this;
  }

  /** The record as a JSON tree (what {@link TransactionValidator#validate(ObjectNode, byte[], SourcePosition)} reads). */
  public ObjectNode node() {
    return node;
  }

  /** The record as UTF-8 JSON bytes (what a producer writes to {@code transactions-raw}). */
  public byte[] bytes() {
    try {
      return TransactionValidator.JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }
}

package io.argus.ingestion.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CardNumberMaskingTest {

  @Test
  void shouldKeepFirstSixAndLastFourDigitsOfACardNumberInJson() {
    assertThat(CardNumberMasking.mask("{\"card_number\": \"4111111111111111\", \"amount\": \"12.50\"}"))
        .isEqualTo("{\"card_number\": \"411111******1111\", \"amount\": \"12.50\"}");
  }

  @Test
  void shouldMaskNumbersWrittenWithSpacesOrDashesKeepingTheSeparators() {
    assertThat(CardNumberMasking.mask("pan 4111 1111 1111 1111 end")).isEqualTo("pan 4111 11** **** 1111 end");
    assertThat(CardNumberMasking.mask("pan 5555-5555-5555-4444")).isEqualTo("pan 5555-55**-****-4444");
  }

  @Test
  void shouldMaskDigitRunsThatFailTheLuhnCheckToo() {
    assertThat(CardNumberMasking.mask("x4111111111111112y")).isEqualTo("x411111******1112y");
  }

  @Test
  void shouldMaskCardNumbersInBytesThatAreNotJsonNorUtf8() {
    byte[] garbage = {(byte) 0xC3, (byte) 0x28, '4', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1',
        '1', '1', (byte) 0xFF};

    byte[] masked = CardNumberMasking.mask(garbage);

    assertThat(new String(masked, 2, 16, StandardCharsets.US_ASCII)).isEqualTo("411111******1111");
    assertThat(masked[0]).isEqualTo((byte) 0xC3);
    assertThat(masked[18]).isEqualTo((byte) 0xFF);
    assertThat(garbage[8]).as("the input is not changed").isEqualTo((byte) '1');
  }

  @Test
  void shouldLeaveShortNumbersAlone() {
    String text = "{\"amount\": 123456789012, \"terminal_id\": \"t-1234 5678\"}";

    assertThat(CardNumberMasking.mask(text)).isEqualTo(text);
  }

  @Test
  void shouldMaskTheWholeCardNumberFieldWhenItIsTooShortToBeACard() {
    assertThat(CardNumberMasking.mask("{\"card_number\" : \"411111111111\"}"))
        .isEqualTo("{\"card_number\" : \"************\"}");
    assertThat(CardNumberMasking.mask("{\"card_number\":4111111111111111}"))
        .isEqualTo("{\"card_number\":411111******1111}");
  }

  @Test
  void shouldMaskACardNumberFieldHiddenBehindEscapes() {
    assertThat(CardNumberMasking.mask("{\"card_number\": \"\\u00341111111111111111\"}"))
        .isEqualTo("{\"card_number\": \"**********************\"}");
  }

  @Test
  void shouldMaskACardNumberSplitAcrossABrokenRecord() {
    assertThat(CardNumberMasking.mask("{\"card_number\": \"4111111111111111")).isEqualTo(
        "{\"card_number\": \"411111******1111");
  }
}

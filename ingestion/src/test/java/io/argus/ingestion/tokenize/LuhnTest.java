package io.argus.ingestion.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LuhnTest {

  @Test
  void shouldAcceptKnownTestCardNumbers() {
    assertThat(Luhn.isValid("4111111111111111")).isTrue();
    assertThat(Luhn.isValid("5555555555554444")).isTrue();
    assertThat(Luhn.isValid("378282246310005")).isTrue();
  }

  @Test
  void shouldRejectASingleWrongDigit() {
    assertThat(Luhn.isValid("4111111111111112")).isFalse();
    assertThat(Luhn.isValid("4111111111111121")).isFalse();
  }

  @Test
  void shouldComputeTheCheckDigitThatMakesANumberValid() {
    assertThat(Luhn.checkDigit("411111111111111")).isEqualTo('1');
    assertThat(Luhn.checkDigit("37828224631000")).isEqualTo('5');
    for (int payload = 100_000; payload < 100_050; payload++) {
      String number = payload + "" + Luhn.checkDigit(Integer.toString(payload));
      assertThat(Luhn.isValid(number)).as(number).isTrue();
    }
  }

  @Test
  void shouldNameTheOffendingCharacter() {
    assertThatThrownBy(() -> Luhn.isValid("41x1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'");
  }
}

package io.argus.ingestion.handbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.ingestion.tokenize.Luhn;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerCardsTest {

  @Test
  void shouldDeriveTheSameLuhnValidCardForTheSameCustomer() {
    assertThat(CustomerCards.cardNumber("596")).isEqualTo("4000000000005969")
        .isEqualTo(CustomerCards.cardNumber("596"));
    assertThat(Luhn.isValid(CustomerCards.cardNumber("0"))).isTrue();
  }

  @Test
  void shouldGiveEveryNumericCustomerItsOwnCard() {
    Set<String> cards = new HashSet<>();
    for (int customer = 0; customer < 20_000; customer++) {
      String card = CustomerCards.cardNumber(Integer.toString(customer));
      assertThat(Luhn.isValid(card)).as(card).isTrue();
      cards.add(card);
    }
    assertThat(cards).hasSize(20_000);
  }

  @Test
  void shouldHashOtherIdsToNineteenDigitsApartFromNumericOnes() {
    String card = CustomerCards.cardNumber("c-42");

    assertThat(card).hasSize(19).startsWith("5").isEqualTo(CustomerCards.cardNumber("c-42"));
    assertThat(Luhn.isValid(card)).isTrue();
    assertThat(CustomerCards.cardNumber("0596")).as("a leading zero is another id")
        .isNotEqualTo(CustomerCards.cardNumber("596")).hasSize(19);
  }
}

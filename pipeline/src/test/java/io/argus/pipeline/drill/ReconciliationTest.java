package io.argus.pipeline.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.pipeline.drill.Reconciliation.Inputs;
import io.argus.pipeline.drill.Reconciliation.RawPosition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  /** Four raw records: t1, t2, t3 valid; a second copy of t2 (a duplicate); t4 with a zero amount. */
  private static Map<RawPosition, String> raw() {
    return Map.of(new RawPosition(0, 0), "t1", new RawPosition(0, 1), "t2", new RawPosition(1, 0), "t2",
        new RawPosition(1, 1), "t3", new RawPosition(2, 0), "t4");
  }

  private static Inputs balanced() {
    return new Inputs(raw(), new HashMap<>(Map.of("t1", 1, "t2", 1, "t3", 1)),
        new HashMap<>(Map.of(new RawPosition(1, 0), 1, new RawPosition(2, 0), 1)),
        Map.of("DUPLICATE", 1L, "INVALID_AMOUNT", 1L), new HashMap<>(Map.of("t1", 1, "t2", 2, "t3", 1)),
        new HashMap<>(Map.of("t1", 1, "t2", 1, "t3", 1)), new HashMap<>(Map.of("t1", 1, "t2", 1, "t3", 1)), Set.of());
  }

  @Test
  void shouldBalanceRawRecordsAgainstTransactionsAndDeadLetters() {
    Reconciliation accounts = Reconciliation.of(balanced());

    assertThat(accounts.raw()).isEqualTo(5);
    assertThat(accounts.transactions()).isEqualTo(3);
    assertThat(accounts.rawDeadLetters()).isEqualTo(2);
    assertThat(accounts.rawBalances()).isTrue();
    assertThat(accounts.lost()).isZero();
    assertThat(accounts.duplicates()).isZero();
    assertThat(accounts.problems()).isEmpty();
  }

  @Test
  void shouldCountAFeatureVectorServedAgainAfterARestoreAsNeitherLostNorDuplicate() {
    Reconciliation accounts = Reconciliation.of(balanced());

    assertThat(accounts.featured()).isEqualTo(3);
    assertThat(accounts.servedAgain()).isEqualTo(1);
    assertThat(accounts.duplicates()).isZero();
  }

  @Test
  void shouldCountAScoreWrittenAgainAfterARestartAsNeitherLostNorDuplicate() {
    Inputs in = balanced();
    in.scores().put("t3", 3);

    Reconciliation accounts = Reconciliation.of(in);

    assertThat(accounts.scored()).isEqualTo(3);
    assertThat(accounts.scoredAgain()).isEqualTo(2);
    assertThat(accounts.duplicates()).isZero();
    assertThat(accounts.lost()).isZero();
    assertThat(accounts.problems()).isEmpty();
  }

  @Test
  void shouldCountAScoreOfNoTransactionAsADuplicate() {
    Inputs in = balanced();
    in.scores().put("t9", 1);

    Reconciliation accounts = Reconciliation.of(in);

    assertThat(accounts.duplicates()).isEqualTo(1);
    assertThat(accounts.problems()).singleElement().asString().contains("scores of no transaction").contains("t9");
  }

  @Test
  void shouldCountAMissingScoreAndAMissingStoredRowAsLost() {
    Inputs in = balanced();
    in.scores().remove("t1");
    in.stored().remove("t3");

    Reconciliation accounts = Reconciliation.of(in);

    assertThat(accounts.lost()).isEqualTo(2);
    assertThat(accounts.scored()).isEqualTo(2);
    assertThat(accounts.stored()).isEqualTo(2);
  }

  @Test
  void shouldNotExpectALateTransactionInTheOfflineStoreButRefuseItTwice() {
    Inputs in = balanced();
    in.stored().remove("t3");
    Inputs late = new Inputs(in.raw(), in.transactions(), in.rawDeadLetters(), in.deadLettersByReason(),
        in.features(), in.scores(), in.stored(), Set.of("t3"));
    assertThat(Reconciliation.of(late).lost()).isZero();

    in.stored().put("t3", 1);
    assertThat(Reconciliation.of(late).duplicates()).isEqualTo(1);
  }

  @Test
  void shouldCountARawRecordNeitherValidatedNorDeadLetteredAsLost() {
    Inputs in = balanced();
    in.rawDeadLetters().remove(new RawPosition(2, 0));

    Reconciliation accounts = Reconciliation.of(in);

    assertThat(accounts.rawBalances()).isFalse();
    assertThat(accounts.lost()).isEqualTo(1);
    assertThat(accounts.problems()).singleElement().asString().contains("neither validated nor dead-lettered");
  }

  @Test
  void shouldCountARawRecordBothValidatedAndDeadLetteredAsADuplicate() {
    Inputs in = balanced();
    in.rawDeadLetters().put(new RawPosition(0, 0), 1);

    Reconciliation accounts = Reconciliation.of(in);

    assertThat(accounts.duplicates()).isEqualTo(1);
    assertThat(accounts.problems()).singleElement().asString().contains("both validated and dead-lettered");
  }

  @Test
  void shouldCountATransactionOrDeadLetterTheValidatorWroteAgainAsACopyNeitherLostNorDuplicate() {
    Inputs in = balanced();
    in.transactions().put("t1", 2);
    in.rawDeadLetters().put(new RawPosition(2, 0), 3);

    Reconciliation accounts = Reconciliation.of(in);

    assertThat(accounts.transactions()).isEqualTo(3);
    assertThat(accounts.rawDeadLetters()).isEqualTo(2);
    assertThat(accounts.validatedAgain()).isEqualTo(3);
    assertThat(accounts.rawBalances()).isTrue();
    assertThat(accounts.duplicates()).isZero();
    assertThat(accounts.lost()).isZero();
    assertThat(accounts.problems()).isEmpty();
  }
}

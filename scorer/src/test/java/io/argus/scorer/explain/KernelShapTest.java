package io.argus.scorer.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelShapTest {

  @Test
  void shouldSampleEachCoalitionWithItsComplement() {
    long full = (1L << 12) - 1;

    long[] coalitions = KernelShap.sample(12, 101, new SplittableRandom(1));

    assertThat(coalitions).hasSize(102);
    for (int pair = 0; pair < coalitions.length; pair += 2) {
      assertThat(coalitions[pair] ^ coalitions[pair + 1]).isEqualTo(full);
      assertThat(coalitions[pair]).isNotIn(0L, full);
    }
  }

  @Test
  void shouldSampleSmallAndLargeCoalitionsMoreOftenThanMiddleOnes() {
    long[] coalitions = KernelShap.sample(12, 20_000, new SplittableRandom(2));
    int[] bySize = new int[13];
    for (long coalition : coalitions) {
      bySize[Long.bitCount(coalition)]++;
    }

    // kernel mass of size k is proportional to 1 / (k (n - k)): size 1 is 36 / 11 times as likely as size 6
    assertThat((double) bySize[1] / bySize[6]).isCloseTo(36.0 / 11, within(0.4));
    assertThat(bySize[1]).isCloseTo(bySize[11], within(bySize[1] / 10));
  }

  @Test
  void shouldSolveALinearSystem() {
    double[][] a = {{2, 1, 0}, {1, 3, 1}, {0, 1, 4}};
    double[] b = {3, 5, 5};

    assertThat(KernelShap.solve(a, b)).containsExactly(new double[] {1, 1, 1}, within(1e-12));
  }
}

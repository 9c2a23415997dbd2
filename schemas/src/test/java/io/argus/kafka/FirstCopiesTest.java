package io.argus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FirstCopiesTest {

  @Test
  void shouldPassTheFirstRecordOfAnIdAndNotTheLaterOnes() {
    FirstCopies seen = new FirstCopies(10);

    assertThat(seen.first("t-1")).isTrue();
    assertThat(seen.first("t-2")).isTrue();
    assertThat(seen.first("t-1")).isFalse();
    assertThat(seen.first("t-1")).isFalse();
    assertThat(seen.first("t-3")).isTrue();
  }

  @Test
  void shouldForgetTheOldestIdsBeyondItsCapacity() {
    FirstCopies seen = new FirstCopies(2);
    seen.first("t-1");
    seen.first("t-2");
    seen.first("t-3");

    assertThat(seen.first("t-3")).as("remembered").isFalse();
    assertThat(seen.first("t-1")).as("forgotten, so new again").isTrue();
  }

  @Test
  void shouldRefuseACapacityBelowOne() {
    assertThatThrownBy(() -> new FirstCopies(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}

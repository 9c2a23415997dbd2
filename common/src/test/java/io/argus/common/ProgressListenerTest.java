package io.argus.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

  @Test
  void shouldHandTheSilentListenersWorkToTheSilentProgress() {
    try (Progress progress = ProgressListener.SILENT.start("work", 10, "steps")) {
      progress.step(10);
      progress.status("done");
      assertThat(progress).isSameAs(Progress.SILENT);
    }
  }

  @Test
  void shouldLetALambdaListenToTheWork() {
    List<String> heard = new ArrayList<>();
    ProgressListener listener = (label, total, unit) -> {
      heard.add("start " + label + " " + total + " " + unit);
      return new Progress() {
        @Override
        public void step(long count) {
          heard.add("step " + count);
        }

        @Override
        public void status(String text) {
          heard.add("status " + text);
        }

        @Override
        public void close() {
          heard.add("close");
        }
      };
    };

    try (Progress progress = listener.start("epoch 1/2", 3, "batches")) {
      progress.step(2);
      progress.status("loss 0.5");
    }

    assertThat(heard).containsExactly("start epoch 1/2 3 batches", "step 2", "status loss 0.5", "close");
  }
}

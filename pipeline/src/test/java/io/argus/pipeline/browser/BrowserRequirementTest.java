package io.argus.pipeline.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The decision between skipping and failing a browser test without a browser; no Chromium is started here. */
class BrowserRequirementTest {

  private static final BrowserRequirement LOCAL = BrowserRequirement.fromEnvironment(Map.of());
  private static final BrowserRequirement CI = BrowserRequirement.fromEnvironment(
      Map.of(BrowserRequirement.VARIABLE, "1"));

  @TempDir
  Path temp;

  @Test
  void shouldNotRequireABrowserWhenTheVariableIsAbsentEmptyZeroOrFalse() {
    assertThat(LOCAL.required()).isFalse();
    for (String value : new String[] {"", " ", "0", "false", "FALSE"}) {
      assertThat(BrowserRequirement.fromEnvironment(Map.of(BrowserRequirement.VARIABLE, value)).required())
          .as("%s='%s'", BrowserRequirement.VARIABLE, value).isFalse();
    }
  }

  @Test
  void shouldRequireABrowserWhenTheVariableIsSet() {
    assertThat(CI.required()).isTrue();
    assertThat(BrowserRequirement.fromEnvironment(Map.of(BrowserRequirement.VARIABLE, "true")).required()).isTrue();
  }

  @Test
  void shouldSkipWhenNoBrowserWasPromised() {
    assertThatThrownBy(() -> LOCAL.unavailable("Chromium is not installed", null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("Chromium is not installed: browser test skipped");
  }

  @Test
  void shouldFailNamingTheVariableWhenCiPromisedABrowser() {
    IllegalStateException cause = new IllegalStateException("exited with status 1");

    assertThatThrownBy(() -> CI.unavailable("Chromium at /usr/bin/chromium cannot start", cause))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Chromium at /usr/bin/chromium cannot start")
        .hasMessageContaining(BrowserRequirement.VARIABLE)
        .hasCause(cause);
  }

  @Test
  void shouldFailABrowserTestWithoutChromiumOnCiAndSkipItElsewhere() {
    assertThatThrownBy(() -> HeadlessChromium.startOrSkip(Optional.empty(), temp.resolve("profile"), 800, 600, CI))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Chromium is not installed");
    assertThatThrownBy(() -> HeadlessChromium.startOrSkip(Optional.empty(), temp.resolve("profile"), 800, 600, LOCAL))
        .isInstanceOf(TestAbortedException.class);
  }
}

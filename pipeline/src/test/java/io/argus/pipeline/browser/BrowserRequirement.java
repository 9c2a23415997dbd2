package io.argus.pipeline.browser;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a browser test does when Chromium is missing or cannot start: on a machine without it the test is skipped, as
 * a developer expects; where the build was promised a browser — CI exports {@value #VARIABLE}{@code =1} once it has
 * installed Chromium — the test fails instead, so a green build cannot hide a dashboard that never rendered.
 */
public final class BrowserRequirement {

  /** The variable that makes a missing browser a failure: any value but empty, {@code 0} or {@code false}. */
  public static final String VARIABLE = "ARGUS_REQUIRE_BROWSER";
  private static final Set<String> NOT_REQUIRED = Set.of("", "0", "false");

  private final boolean required;

  private BrowserRequirement(boolean required) {
    this.required = required;
  }

  /** The requirement {@code environment} sets (usually {@link System#getenv()}). */
  public static BrowserRequirement fromEnvironment(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    return new BrowserRequirement(value != null && !NOT_REQUIRED.contains(value.strip().toLowerCase()));
  }

  /** Whether a browser test must run rather than skip. */
  public boolean required() {
    return required;
  }

  /**
   * Ends the calling test because the browser is unavailable for the reason given: skipped (JUnit's
   * {@code TestAbortedException}) where no browser was promised, failed ({@link AssertionError}) where one was.
   * Never returns normally; declared to return a value so that a caller can {@code return} it.
   *
   * @param cause why Chromium could not start, or {@code null} when it is not installed
   */
  public <T> T unavailable(String why, Throwable cause) {
    if (required) {
      return Assertions.fail(why + ", but " + VARIABLE + " is set (CI installed Chromium): a browser test must not "
          + "skip there; unset it only where no browser can be installed", cause);
    }
    return Assumptions.abort(why + ": browser test skipped");
  }
}

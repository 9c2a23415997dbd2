package io.argus.scorer.rules;

/**
 * A rule that cannot be served: a bad id, an expression that does not parse, names something rules do not know, or
 * is not a condition. The message says what is wrong in one line, for the command line, the dashboard's editor and
 * the scorer's alert alike.
 */
public final class RuleRejectedException extends Exception {

  public RuleRejectedException(String message) {
    super(message);
  }
}

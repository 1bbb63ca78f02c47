package io.github.checklyotel.autoconfigure;

import java.util.List;

/**
 * The SDK in use records or exports more than Checkly traces; {@link
 * ChecklyStartupCheckFailureAnalyzer} explains what to do.
 */
final class ChecklyStartupCheckException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ChecklyStartupCheckException(List<String> problems) {
    super("Checkly startup check failed: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** What records or exports what, one finding each. */
  List<String> getProblems() {
    return this.problems;
  }
}

package io.github.checklyotel.autoconfigure.internal.aot;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;

/**
 * An application processed ahead of time runs in another tracing mode than it was built in; {@link
 * AheadOfTimeModeFailureAnalyzer} explains what to do.
 */
public final class AheadOfTimeModeMismatchException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final ChecklyTracingMode builtFor;

  private final ChecklyTracingMode now;

  AheadOfTimeModeMismatchException(ChecklyTracingMode builtFor, ChecklyTracingMode now) {
    super(
        "Processed ahead of time for Checkly tracing mode "
            + builtFor
            + ", but running in mode "
            + now);
    this.builtFor = builtFor;
    this.now = now;
  }

  /** The mode the application was processed ahead of time in. */
  ChecklyTracingMode getBuiltFor() {
    return this.builtFor;
  }

  /** The mode its environment asks for now. */
  ChecklyTracingMode getNow() {
    return this.now;
  }
}

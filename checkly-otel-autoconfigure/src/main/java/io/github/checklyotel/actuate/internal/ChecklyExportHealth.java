package io.github.checklyotel.actuate.internal;

import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.ExportTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of the span export, read off an {@link ExportStatus} independently of Actuator's
 * types, which differ between Spring Boot 3 and 4.
 *
 * @param state {@code UP}, {@code DOWN} or {@code UNKNOWN}
 * @param details what the health endpoint shows: never a header or a credential
 */
record ChecklyExportHealth(State state, Map<String, Object> details) {

  /** The health states, named as Actuator's statuses. */
  public enum State {
    /** The last export succeeded. */
    UP,
    /** The last export failed. */
    DOWN,
    /** Nothing was exported over OTLP yet. */
    UNKNOWN
  }

  public ChecklyExportHealth {
    details = Map.copyOf(details);
  }

  /** Reads the health off {@code status}. */
  static ChecklyExportHealth of(ExportStatus status) {
    Map<String, Object> details = new LinkedHashMap<>();
    ExportTarget target = status.getTarget();
    if (target != null && target.isOtlp()) {
      details.put("endpoint", target.endpoint());
      details.put("protocol", target.protocol());
    } else if (target != null) {
      details.put("exporters", String.join(", ", target.exporters()));
    }
    if (status.getLastSuccess() != null) {
      details.put("lastSuccess", status.getLastSuccess().toString());
    }
    details.put("consecutiveFailures", status.getConsecutiveFailures());
    details.put("spansExported", status.getSpansExported());
    details.put("spansFailed", status.getSpansFailed());
    ExportFailureKind failure = status.getLastFailure();
    if (failure != null) {
      details.put("error", failure.name());
      details.put("message", message(failure));
      return new ChecklyExportHealth(State.DOWN, details);
    }
    if (status.getLastSuccess() != null) {
      return new ChecklyExportHealth(State.UP, details);
    }
    details.put(
        "message",
        (target == null || target.isOtlp())
            ? "No spans exported yet"
            : "Spans are not exported over OTLP, so there is no export to check");
    return new ChecklyExportHealth(State.UNKNOWN, details);
  }

  private static String message(ExportFailureKind failure) {
    String explanation = failure.getExplanation();
    return (failure == ExportFailureKind.UNAUTHORIZED)
        ? "API key rejected: " + explanation
        : Character.toUpperCase(explanation.charAt(0)) + explanation.substring(1);
  }
}

package io.github.checklyotel.autoconfigure.internal.version;

import java.util.List;

/**
 * The OpenTelemetry libraries on the class path are older than the starter needs, or mixed; {@link
 * OpenTelemetryVersionFailureAnalyzer} explains how to fix it.
 */
public final class OpenTelemetryVersionException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  private final String opentelemetryVersion;

  private final String instrumentationVersion;

  OpenTelemetryVersionException(
      List<String> problems, String opentelemetryVersion, String instrumentationVersion) {
    super("OpenTelemetry libraries older than the Checkly starter needs, or mixed: " + problems);
    this.problems = List.copyOf(problems);
    this.opentelemetryVersion = opentelemetryVersion;
    this.instrumentationVersion = instrumentationVersion;
  }

  /** What is wrong, one line per library. */
  List<String> getProblems() {
    return this.problems;
  }

  /** The OpenTelemetry Java version the starter needs at least. */
  String getOpentelemetryVersion() {
    return this.opentelemetryVersion;
  }

  /** The OpenTelemetry instrumentation BOM version that brings what the starter needs. */
  String getInstrumentationVersion() {
    return this.instrumentationVersion;
  }
}

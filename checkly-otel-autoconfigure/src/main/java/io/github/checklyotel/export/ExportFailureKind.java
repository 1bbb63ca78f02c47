package io.github.checklyotel.export;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;

/** Why an export failed, in the terms a user acts on. */
public enum ExportFailureKind {

  /**
   * The endpoint rejected the credentials: HTTP 401/403, gRPC UNAUTHENTICATED/PERMISSION_DENIED.
   */
  UNAUTHORIZED(
      "the endpoint rejected the API key. Check OTEL_EXPORTER_OTLP_HEADERS: for Checkly it must be"
          + " authorization=<your Checkly API key>, with no 'Bearer ' prefix"),

  /** The endpoint is throttling: HTTP 429, gRPC RESOURCE_EXHAUSTED. */
  RATE_LIMITED("the endpoint is rate limiting this service; spans are retried, then dropped"),

  /** The endpoint answered that it is unavailable: HTTP 502/503/504, gRPC UNAVAILABLE. */
  UNAVAILABLE("the endpoint is unavailable; spans are retried, then dropped"),

  /** The endpoint answered with another error. */
  REJECTED("the endpoint rejected the spans"),

  /**
   * The endpoint accepted the export but rejected some of its spans: an OTLP {@code
   * partial_success}, whose message says why.
   */
  PARTIALLY_REJECTED("the endpoint accepted the export but rejected some of its spans"),

  /** No answer: the endpoint is down, unreachable or too slow (OTEL_EXPORTER_OTLP_TIMEOUT). */
  UNREACHABLE(
      "the endpoint did not answer. Check OTEL_EXPORTER_OTLP_ENDPOINT and the network; spans are"
          + " retried, then dropped"),

  /** Anything else. */
  OTHER("the export failed");

  private final String explanation;

  ExportFailureKind(String explanation) {
    this.explanation = explanation;
  }

  /** What this kind of failure means and what to do about it. */
  public String getExplanation() {
    return this.explanation;
  }

  /**
   * Classifies the failure an OTLP exporter reported. OpenTelemetry's exporters report HTTP and
   * gRPC failures with an exception type of theirs that carries the response; it lives in an
   * internal package, so anything unexpected falls back to {@link #OTHER}.
   */
  public static ExportFailureKind of(Throwable failure) {
    if (failure instanceof FailedExportException.HttpExportException http) {
      return (http.getResponse() != null)
          ? ofHttpStatus(http.getResponse().getStatusCode())
          : UNREACHABLE;
    }
    if (failure instanceof FailedExportException.GrpcExportException grpc) {
      return (grpc.getResponse() != null)
          ? ofGrpcStatus(grpc.getResponse().getStatusCode())
          : UNREACHABLE;
    }
    return OTHER;
  }

  /** A short description of the failure for a log line, such as {@code HTTP 401}. */
  public static String describe(Throwable failure) {
    if (failure instanceof FailedExportException.HttpExportException http
        && http.getResponse() != null) {
      return "HTTP " + http.getResponse().getStatusCode();
    }
    if (failure instanceof FailedExportException.GrpcExportException grpc
        && grpc.getResponse() != null) {
      return "gRPC " + grpc.getResponse().getStatusCode();
    }
    Throwable cause =
        (failure != null && failure.getCause() != null) ? failure.getCause() : failure;
    return String.valueOf(cause);
  }

  static ExportFailureKind ofHttpStatus(int status) {
    return switch (status) {
      case 401, 403 -> UNAUTHORIZED;
      case 429 -> RATE_LIMITED;
      case 502, 503, 504 -> UNAVAILABLE;
      default -> REJECTED;
    };
  }

  static ExportFailureKind ofGrpcStatus(GrpcStatusCode status) {
    return switch (status) {
      case UNAUTHENTICATED, PERMISSION_DENIED -> UNAUTHORIZED;
      case RESOURCE_EXHAUSTED -> RATE_LIMITED;
      case UNAVAILABLE -> UNAVAILABLE;
      case DEADLINE_EXCEEDED -> UNREACHABLE;
      default -> REJECTED;
    };
  }
}

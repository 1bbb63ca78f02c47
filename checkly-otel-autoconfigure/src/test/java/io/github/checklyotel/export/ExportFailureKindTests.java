package io.github.checklyotel.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** How export failures are classified: each status at and beside the edges of its kind. */
class ExportFailureKindTests {

  @Test
  void httpStatusesByKind() {
    assertThat(ExportFailureKind.ofHttpStatus(401)).isEqualTo(ExportFailureKind.UNAUTHORIZED);
    assertThat(ExportFailureKind.ofHttpStatus(403)).isEqualTo(ExportFailureKind.UNAUTHORIZED);
    assertThat(ExportFailureKind.ofHttpStatus(402)).isEqualTo(ExportFailureKind.REJECTED);
    assertThat(ExportFailureKind.ofHttpStatus(429)).isEqualTo(ExportFailureKind.RATE_LIMITED);
    assertThat(ExportFailureKind.ofHttpStatus(500)).isEqualTo(ExportFailureKind.REJECTED);
    assertThat(ExportFailureKind.ofHttpStatus(502)).isEqualTo(ExportFailureKind.UNAVAILABLE);
    assertThat(ExportFailureKind.ofHttpStatus(504)).isEqualTo(ExportFailureKind.UNAVAILABLE);
    assertThat(ExportFailureKind.ofHttpStatus(505)).isEqualTo(ExportFailureKind.REJECTED);
    assertThat(ExportFailureKind.ofHttpStatus(400)).isEqualTo(ExportFailureKind.REJECTED);
  }

  @Test
  void grpcStatusesByKind() {
    assertThat(ExportFailureKind.ofGrpcStatus(GrpcStatusCode.UNAUTHENTICATED))
        .isEqualTo(ExportFailureKind.UNAUTHORIZED);
    assertThat(ExportFailureKind.ofGrpcStatus(GrpcStatusCode.PERMISSION_DENIED))
        .isEqualTo(ExportFailureKind.UNAUTHORIZED);
    assertThat(ExportFailureKind.ofGrpcStatus(GrpcStatusCode.RESOURCE_EXHAUSTED))
        .isEqualTo(ExportFailureKind.RATE_LIMITED);
    assertThat(ExportFailureKind.ofGrpcStatus(GrpcStatusCode.UNAVAILABLE))
        .isEqualTo(ExportFailureKind.UNAVAILABLE);
    assertThat(ExportFailureKind.ofGrpcStatus(GrpcStatusCode.DEADLINE_EXCEEDED))
        .isEqualTo(ExportFailureKind.UNREACHABLE);
    assertThat(ExportFailureKind.ofGrpcStatus(GrpcStatusCode.INVALID_ARGUMENT))
        .isEqualTo(ExportFailureKind.REJECTED);
  }

  @Test
  void exporterFailuresAreReadFromTheirResponse() {
    Throwable http = FailedExportException.httpFailedWithResponse(httpResponse(401));
    assertThat(ExportFailureKind.of(http)).isEqualTo(ExportFailureKind.UNAUTHORIZED);
    assertThat(ExportFailureKind.describe(http)).isEqualTo("HTTP 401");
    Throwable grpc =
        FailedExportException.grpcFailedWithResponse(grpcResponse(GrpcStatusCode.UNAVAILABLE));
    assertThat(ExportFailureKind.of(grpc)).isEqualTo(ExportFailureKind.UNAVAILABLE);
    assertThat(ExportFailureKind.describe(grpc)).isEqualTo("gRPC UNAVAILABLE");
  }

  @Test
  void failuresWithoutAResponseAreUnreachableAndDescribedByTheirCause() {
    Throwable refused =
        FailedExportException.httpFailedExceptionally(new ConnectException("Connection refused"));
    assertThat(ExportFailureKind.of(refused)).isEqualTo(ExportFailureKind.UNREACHABLE);
    assertThat(ExportFailureKind.describe(refused))
        .isEqualTo("java.net.ConnectException: Connection refused");
    assertThat(
            ExportFailureKind.of(
                FailedExportException.grpcFailedExceptionally(new IOException("reset"))))
        .isEqualTo(ExportFailureKind.UNREACHABLE);
  }

  @Test
  void anythingElseIsOther() {
    assertThat(ExportFailureKind.of(new IllegalStateException("boom")))
        .isEqualTo(ExportFailureKind.OTHER);
    assertThat(ExportFailureKind.of(null)).isEqualTo(ExportFailureKind.OTHER);
    assertThat(ExportFailureKind.describe(null)).isEqualTo("null");
  }

  @Test
  void unauthorizedSaysWhatToCheck() {
    assertThat(ExportFailureKind.UNAUTHORIZED.getExplanation())
        .contains("OTEL_EXPORTER_OTLP_HEADERS")
        .contains("no 'Bearer ' prefix");
  }

  private static HttpResponse httpResponse(int status) {
    return new HttpResponse() {
      @Override
      public int getStatusCode() {
        return status;
      }

      @Override
      public String getStatusMessage() {
        return "status " + status;
      }

      @Override
      public byte[] getResponseBody() {
        return new byte[0];
      }
    };
  }

  private static GrpcResponse grpcResponse(GrpcStatusCode status) {
    return new GrpcResponse() {
      @Override
      public GrpcStatusCode getStatusCode() {
        return status;
      }

      @Override
      public String getStatusDescription() {
        return status.name();
      }

      @Override
      public byte[] getResponseMessage() {
        return new byte[0];
      }
    };
  }
}

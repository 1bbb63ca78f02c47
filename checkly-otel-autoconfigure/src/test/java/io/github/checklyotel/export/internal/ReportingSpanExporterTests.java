package io.github.checklyotel.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The exporter wrapper's rules: every batch counted, one line when failures start or change kind,
 * one when exports work again, never a credential.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReportingSpanExporterTests {

  private static final List<SpanData> THREE_SPANS = Collections.nCopies(3, (SpanData) null);

  private final ScriptedExporter delegate = new ScriptedExporter();

  private final ExportStatus status = new ExportStatus();

  private final ReportingSpanExporter exporter =
      ReportingSpanExporter.wrap(this.delegate, "otel.example.com:443", this.status);

  @Test
  void successesAreCountedQuietly(CapturedOutput output) {
    this.delegate.then(CompletableResultCode.ofSuccess());
    this.exporter.export(THREE_SPANS);
    assertThat(this.status.getSpansExported()).isEqualTo(3);
    assertThat(this.status.getLastSuccess()).isNotNull();
    assertThat(output.getAll()).doesNotContain("Span export");
  }

  @Test
  void failuresAreLoggedOncePerKindAndTheRecoveryOnce(CapturedOutput output) {
    this.delegate
        .then(failed(401))
        .then(failed(401))
        .then(failed(503))
        .then(CompletableResultCode.ofSuccess());
    for (int i = 0; i < 4; i++) {
      this.exporter.export(THREE_SPANS);
    }
    assertThat(this.status.getSpansFailed()).isEqualTo(9);
    assertThat(this.status.getSpansExported()).isEqualTo(3);
    assertThat(this.status.getConsecutiveFailures()).isZero();
    String log = output.getAll();
    assertThat(log.split("failed: the endpoint rejected the API key", -1)).hasSize(2);
    assertThat(log.split("failed: the endpoint is unavailable", -1)).hasSize(2);
    assertThat(log).contains("3 spans dropped (HTTP 401)");
    assertThat(log)
        .contains("Span export to otel.example.com:443 works again after 3 failed exports");
  }

  @Test
  void failureDescriptionsNeverCarryACredential(CapturedOutput output) {
    this.delegate.then(
        CompletableResultCode.ofExceptionalFailure(
            new IllegalStateException(
                "wrapper", new IllegalArgumentException("bad header authorization=s3cr3t-key"))));
    this.exporter.export(THREE_SPANS);
    assertThat(this.status.getLastFailure()).isEqualTo(ExportFailureKind.OTHER);
    assertThat(output.getAll()).contains("authorization=******").doesNotContain("s3cr3t-key");
  }

  @Test
  void toStringLeavesTheDelegatesHeadersOut() {
    assertThat(this.exporter.toString())
        .startsWith(
            "ReportingSpanExporter{exporter=ScriptedExporter, endpoint=otel.example.com:443");
  }

  private static CompletableResultCode failed(int status) {
    return CompletableResultCode.ofExceptionalFailure(
        FailedExportException.httpFailedWithResponse(
            new HttpResponse() {
              @Override
              public int getStatusCode() {
                return status;
              }

              @Override
              public String getStatusMessage() {
                return "";
              }

              @Override
              public byte[] getResponseBody() {
                return new byte[0];
              }
            }));
  }

  /** Answers each export with the next scripted result; its toString would show headers. */
  private static final class ScriptedExporter implements SpanExporter {

    private final Deque<CompletableResultCode> results = new ArrayDeque<>();

    ScriptedExporter then(CompletableResultCode result) {
      this.results.add(result);
      return this;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return this.results.remove();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "ScriptedExporter{headers=authorization=s3cr3t-key}";
    }
  }
}

package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.Export;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The endpoint accepts exports but rejects some of their spans, through OTLP's {@code
 * partial_success}, which OpenTelemetry's exporters do not read: the rejected spans count as
 * failed, one line gives the endpoint's reason (as untrusted text), and a clean answer ends it; a
 * reason without rejections is a warning, logged once.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "otel.bsp.schedule.delay=50")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractPartialSuccessEndToEndTests {

  private static final String REASON = "spans too old";

  @Autowired OtlpReceiver receiver;

  @Autowired ExportStatus exportStatus;

  @LocalServerPort int port;

  @Test
  void rejectedSpansCountAsFailedAndTheReasonIsLoggedOnce(CapturedOutput output) throws Exception {
    // The reason carries a line break and a credential, as a hostile or careless endpoint might.
    this.receiver.rejectSpans(2, REASON + "\nauthorization=leaked-key-77");
    checklyRequest();
    checklyRequest();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                this.receiver.spans().size() >= 10
                    && this.exportStatus.getSpansExported() + this.exportStatus.getSpansFailed()
                        == this.receiver.spans().size());
    long rejected =
        this.receiver.exports().stream()
            .filter((export) -> export.traces() != null)
            .mapToLong((export) -> Math.min(2, spanCount(export)))
            .sum();
    assertThat(this.exportStatus.getSpansFailed()).isEqualTo(rejected).isGreaterThanOrEqualTo(2);
    assertThat(this.exportStatus.getSpansExported())
        .isEqualTo(this.receiver.spans().size() - rejected);
    assertThat(this.exportStatus.getLastFailure()).isEqualTo(ExportFailureKind.PARTIALLY_REJECTED);
    assertThat(output.getOut().split("partly failed", -1)).hasSize(2);
    assertThat(output.getOut())
        .contains("the endpoint said: \"" + REASON + " authorization=")
        .doesNotContain("leaked-key-77");

    this.receiver.rejectSpans(0, "");
    this.receiver.clear();
    checklyRequest();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> this.exportStatus.getLastFailure() == null && this.receiver.spans().size() >= 5);
    assertThat(output.getOut()).contains("works again");
    assertThat(output.getOut().split("partly failed", -1)).hasSize(2);

    // A message without rejections is a warning: every span counts as exported, one line says it.
    this.receiver.rejectSpans(0, "attribute deprecated");
    long failed = this.exportStatus.getSpansFailed();
    long exported = this.exportStatus.getSpansExported();
    checklyRequest();
    checklyRequest();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> this.exportStatus.getSpansExported() >= exported + 10);
    assertThat(this.exportStatus.getSpansFailed()).isEqualTo(failed);
    assertThat(this.exportStatus.getLastFailure()).isNull();
    assertThat(
            output
                .getOut()
                .split("succeeded with a warning from the endpoint: \"attribute deprecated\"", -1))
        .hasSize(2);
  }

  private static int spanCount(Export export) {
    return export.traces().getResourceSpansList().stream()
        .flatMap((resource) -> resource.getScopeSpansList().stream())
        .mapToInt((scope) -> scope.getSpansCount())
        .sum();
  }

  private void checklyRequest() {
    assertThat(TestHttp.get(this.port, "/api/orders/1", "tracestate", "checkly=true").statusCode())
        .isEqualTo(200);
  }
}

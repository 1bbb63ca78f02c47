package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import java.net.http.HttpResponse;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The endpoint misbehaves in every way the starter must survive, in turn, in one running
 * application: it rejects the key, goes down, throttles, comes back. Requests keep succeeding,
 * failures are reported once per kind with a hint, and traces flow again without a restart.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "otel.bsp.schedule.delay=50")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@WithOtlpReceiver
class ExporterFaultsEndToEndTests {

  private static final String API_KEY = "fault-test-key-5e6f";

  @Autowired OtlpHttpReceiver receiver;

  @DynamicPropertySource
  static void exporter(DynamicPropertyRegistry registry) {
    registry.add("otel.exporter.otlp.headers", () -> "authorization=" + API_KEY);
  }

  @LocalServerPort int port;

  @Autowired ExportStatus exportStatus;

  @Test
  void survivesEveryFaultAndRecovers(CapturedOutput output) throws Exception {
    // Rejected key: one actionable line however many batches fail.
    receiver.respondWith(401);
    for (int i = 1; i <= 3; i++) {
      checklyRequestSucceeds();
      int failures = i;
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> this.exportStatus.getConsecutiveFailures() >= failures);
    }
    assertThat(this.exportStatus.getSpansFailed()).isGreaterThanOrEqualTo(15);
    assertThat(this.exportStatus.getLastFailure()).isEqualTo(ExportFailureKind.UNAUTHORIZED);
    assertThat(this.exportStatus.getConsecutiveFailures()).isGreaterThanOrEqualTo(3);
    assertThat(output.getOut().split("rejected the API key", -1)).hasSize(2);
    assertThat(output.getOut())
        .contains("authorization=<your Checkly API key>")
        .contains("(HTTP 401)");

    // Back: traces flow again, and the recovery is said once.
    receiver.respondWith(200);
    recovers(output);

    // Down: connection refused, retried, dropped; requests unaffected.
    receiver.goDown();
    checklyRequestSucceeds();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> this.exportStatus.getLastFailure() == ExportFailureKind.UNREACHABLE);
    checklyRequestSucceeds();
    receiver.resume();
    recovers(output);

    // Forbidden: the same kind as 401, so nothing more is logged, and it is still counted.
    receiver.respondWith(403);
    checklyRequestSucceeds();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> this.exportStatus.getLastFailure() == ExportFailureKind.UNAUTHORIZED);
    receiver.respondWith(200);
    recovers(output);

    // Blackholed: the endpoint takes longer than the export timeout (10 s by default) to answer.
    receiver.delayBy(Duration.ofSeconds(15));
    checklyRequestSucceeds();
    checklyRequestSucceeds();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> this.exportStatus.getLastFailure() == ExportFailureKind.UNREACHABLE);
    receiver.delayBy(Duration.ZERO);
    recovers(output);

    // Throttled: retried, then dropped.
    receiver.respondWith(429);
    checklyRequestSucceeds();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> this.exportStatus.getLastFailure() == ExportFailureKind.RATE_LIMITED);
    receiver.respondWith(200);
    recovers(output);

    // 401, then 403 after a recovery: one line each time exports start failing that way.
    assertThat(output.getOut().split("rejected the API key", -1)).hasSize(3);
    assertThat(this.exportStatus.getSpansExported()).isGreaterThanOrEqualTo(5 * 5);
    assertThat(this.exportStatus.getLastSuccess()).isNotNull();
    assertThat(output.getAll()).doesNotContain(API_KEY);
    assertThat(output.getOut()).doesNotContain("Failed to export spans");
  }

  private void recovers(CapturedOutput output) throws Exception {
    int recoveriesBefore = output.getOut().split("works again", -1).length;
    receiver.clear();
    checklyRequestSucceeds();
    // A late answer to an export that already timed out may still arrive: wait for a success.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> this.exportStatus.getLastFailure() == null && receiver.spans().size() >= 5);
    assertThat(this.exportStatus.getConsecutiveFailures()).isZero();
    assertThat(output.getOut().split("works again", -1)).hasSize(recoveriesBefore + 1);
  }

  private void checklyRequestSucceeds() throws Exception {
    HttpResponse<String> response =
        TestHttp.send(
            TestHttp.request(this.port, "/api/orders/1")
                .header("tracestate", "checkly=true")
                // Export happens off the request path: a failing endpoint must not slow requests.
                .timeout(Duration.ofSeconds(2))
                .build());
    assertThat(response.statusCode()).isEqualTo(200);
  }
}

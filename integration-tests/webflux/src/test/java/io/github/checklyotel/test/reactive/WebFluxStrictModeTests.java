package io.github.checklyotel.test.reactive;

import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Strict mode on Netty: Checkly headers without the secret record nothing, spoofed marks are not
 * passed on, and a genuine check amid a flood of spoofed ones is traced whole, its call back into
 * the same application (which carries no secret) included.
 */
@SpringBootTest(
    classes = ReactiveApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.web-application-type=reactive",
      "otel.bsp.schedule.delay=50",
      // Spring Boot 3.5's graceful shutdown waits 30 s for the pooled self-call connections.
      "server.shutdown=immediate",
      "spring.main.banner-mode=off",
      "logging.level.root=WARN",
      "checkly.origin.secret=" + WebFluxStrictModeTests.SECRET
    })
@DirtiesContext
@WithOtlpReceiver
class WebFluxStrictModeTests {

  static final String SECRET = "reactive-s3cret";

  @Autowired OtlpHttpReceiver receiver;

  @LocalServerPort int port;

  @Autowired OpenTelemetry openTelemetry;

  @Autowired ChecklySampler sampler;

  @Test
  void onlyTheGenuineCheckIsTracedAmidSpoofedOnes() throws Exception {
    String genuine = traceId(999);
    for (int i = 0; i < 60; i++) {
      String flags = (i % 2 == 0) ? "-01" : "-00";
      String traceparent = "00-" + traceId(i) + "-" + PARENT_ID + flags;
      HttpResponse<String> spoofed = get("/relay", traceparent, null);
      assertThat(spoofed.statusCode()).isEqualTo(200);
      // Passed on as a refused trace: the same parent, unsampled, without the mark.
      assertThat(spoofed.body()).isEqualTo("00-" + traceId(i) + "-" + PARENT_ID + "-00;vendor=1");
      assertThat(get("/relay", null, null).statusCode()).isEqualTo(200);
      if (i == 30) {
        assertThat(get("/work", "00-" + genuine + "-" + PARENT_ID + "-01", SECRET).statusCode())
            .isEqualTo(200);
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> receiver.spans().stream().filter(s -> s.traceId().equals(genuine)).count() >= 3);
    ((OpenTelemetrySdk) this.openTelemetry)
        .getSdkTracerProvider()
        .forceFlush()
        .join(10, TimeUnit.SECONDS);
    List<ReceivedSpan> spans = receiver.spans();
    assertThat(spans).hasSize(3).extracting(ReceivedSpan::traceId).containsOnly(genuine);
    assertThat(spans)
        .filteredOn(span -> span.attribute("http.route") != null)
        .extracting(span -> span.attribute("http.route"))
        .containsExactlyInAnyOrder("/work", "/downstream");
    assertThat(this.sampler.getTracesStarted()).isEqualTo(1);
  }

  private static String traceId(int n) {
    return String.format("5bf92f3577b34da6%016x", n + 1);
  }

  private HttpResponse<String> get(String path, String traceparent, String secret)
      throws Exception {
    HttpRequest.Builder request =
        TestHttp.request(this.port, path).header("tracestate", "checkly=true,vendor=1");
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    if (secret != null) {
      request.header("X-Checkly-Origin", secret);
    }
    return TestHttp.send(request.build());
  }
}

package io.github.checklyotel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.github.checklyotel.test.app.ComboApplication;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The starter's health indicator, info section and meters, read over HTTP from a running
 * application whose OTLP endpoint first rejects its API key and then takes its spans.
 */
@SpringBootTest(
    classes = ComboApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "otel.bsp.schedule.delay=50",
      "otel.exporter.otlp.headers=authorization=" + ActuatorEndpointsIntegrationTests.API_KEY,
      "management.endpoints.web.exposure.include=health,info,metrics",
      "management.endpoint.health.show-details=always",
      "management.endpoint.health.group.exports.include=checklyExport,ping"
    })
@DirtiesContext
@WithOtlpReceiver
class ActuatorEndpointsIntegrationTests {

  static final String API_KEY = "cky_health_5e6f7a8b";

  @Autowired OtlpHttpReceiver receiver;

  @LocalServerPort int port;

  @Test
  void healthFollowsTheExportWithoutTouchingOverallHealthUnlessAGroupIncludesIt() throws Exception {
    HttpResponse<String> checkly = get("/actuator/health/checkly", false);
    assertThat(checkly.statusCode()).isEqualTo(200);
    assertThat(status(checkly)).isEqualTo("UNKNOWN");

    receiver.respondWith(401);
    get("/work", true);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "DOWN".equals(status(get("/actuator/health/checkly", false))));
    checkly = get("/actuator/health/checkly", false);
    assertThat(checkly.statusCode()).isEqualTo(503);
    String details = "$.components.checklyExport.details.";
    assertThat((String) JsonPath.read(checkly.body(), details + "error")).isEqualTo("UNAUTHORIZED");
    assertThat((String) JsonPath.read(checkly.body(), details + "message"))
        .startsWith("API key rejected");
    assertThat((Integer) JsonPath.read(checkly.body(), details + "consecutiveFailures"))
        .isPositive();
    assertThat(checkly.body()).doesNotContain(API_KEY);

    HttpResponse<String> overall = get("/actuator/health", false);
    assertThat(overall.statusCode()).isEqualTo(200);
    assertThat(status(overall)).isEqualTo("UP");
    assertThat(overall.body()).doesNotContain("UNAUTHORIZED");
    HttpResponse<String> optedIn = get("/actuator/health/exports", false);
    assertThat(optedIn.statusCode()).isEqualTo(503);
    assertThat(status(optedIn)).isEqualTo("DOWN");

    receiver.respondWith(200);
    get("/work", true);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "UP".equals(status(get("/actuator/health/checkly", false))));
    checkly = get("/actuator/health/checkly", false);
    assertThat((Integer) JsonPath.read(checkly.body(), details + "consecutiveFailures")).isZero();
    assertThat((String) JsonPath.read(checkly.body(), details + "lastSuccess")).isNotBlank();
    assertThat(get("/actuator/health/exports", false).statusCode()).isEqualTo(200);
  }

  @Test
  void infoShowsVersionProtocolAndEndpointButNeverTheKey() throws Exception {
    HttpResponse<String> info = get("/actuator/info", false);
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(info.body(), "$.checkly.version"))
        .isEqualTo(System.getProperty("checkly.expected-version", "0.1.0-SNAPSHOT"));
    assertThat((String) JsonPath.read(info.body(), "$.checkly.protocol"))
        .isEqualTo("http/protobuf");
    assertThat((String) JsonPath.read(info.body(), "$.checkly.endpoint"))
        .isEqualTo(URI.create(receiver.endpoint()).getAuthority());
    assertThat((String) JsonPath.read(info.body(), "$.checkly.sampler"))
        .startsWith("ChecklySampler");
    assertThat(info.body()).doesNotContain(API_KEY).doesNotContainIgnoringCase("authorization");
  }

  @Test
  void metersCountTracesStartedRequestsDroppedAndSpansExported() throws Exception {
    receiver.respondWith(200);
    double started = meter("checkly.traces.started");
    double dropped = meter("checkly.requests.dropped");
    double exported = meter("checkly.spans.exported");
    get("/downstream", true);
    get("/downstream", false);
    get("/downstream", false);
    get("/downstream", false);
    assertThat(meter("checkly.traces.started") - started).isEqualTo(1);
    // The three plain requests, and the three meter reads since the first count, each counted
    // before it reads.
    assertThat(meter("checkly.requests.dropped") - dropped).isEqualTo(6);
    await().atMost(Duration.ofSeconds(10)).until(() -> meter("checkly.spans.exported") > exported);
    assertThat(meter("checkly.traces.refused")).isZero();
    assertThat(meter("checkly.spans.failed")).isNotNegative();
  }

  private double meter(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = get("/actuator/metrics/" + name, false);
    assertThat(response.statusCode()).as(name).isEqualTo(200);
    Number value = JsonPath.read(response.body(), "$.measurements[0].value");
    return value.doubleValue();
  }

  private static String status(HttpResponse<String> response) {
    return JsonPath.read(response.body(), "$.status");
  }

  private HttpResponse<String> get(String path, boolean checkly)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = TestHttp.request(this.port, path);
    if (checkly) {
      // A new trace each time: a trace this instance admitted before would not count as started.
      String traceId = UUID.randomUUID().toString().replace("-", "");
      request.header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
      request.header("tracestate", "checkly=true");
    }
    return TestHttp.send(request.build());
  }
}

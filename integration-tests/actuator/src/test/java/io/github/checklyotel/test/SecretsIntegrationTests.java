package io.github.checklyotel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.app.ComboApplication;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The API key and the origin secret never show: not in any log line at DEBUG, not in Actuator's env
 * or configprops endpoints even with their values shown, not in any starter bean's toString.
 */
@SpringBootTest(
    classes = ComboApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "logging.level.root=DEBUG",
      // Thousands of DEBUG lines: into a file this test reads, not onto the build's console.
      "logging.threshold.console=OFF",
      "logging.file.name=" + SecretsIntegrationTests.LOG_FILE,
      "otel.bsp.schedule.delay=100",
      "otel.exporter.otlp.headers=authorization=" + SecretsIntegrationTests.API_KEY,
      "checkly.origin.secret=" + SecretsIntegrationTests.ORIGIN_SECRET,
      "management.endpoints.web.exposure.include=env,configprops",
      "management.endpoint.env.show-values=ALWAYS",
      "management.endpoint.configprops.show-values=ALWAYS"
    })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@WithOtlpReceiver
class SecretsIntegrationTests {

  static final String API_KEY = "cky_apikey_9f8e7d6c5b4a";

  static final String ORIGIN_SECRET = "origin_secret_1a2b3c4d";

  static final String LOG_FILE = "target/secrets-integration-test.log";

  static {
    // Before the application starts logging: only this run's lines are searched.
    try {
      Files.deleteIfExists(Path.of(LOG_FILE));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Autowired OtlpHttpReceiver receiver;

  @LocalServerPort int port;

  @Autowired ApplicationContext context;

  @Autowired OpenTelemetry openTelemetry;

  @Test
  void secretsAppearNowhere(CapturedOutput output) throws Exception {
    TestHttp.get(
        this.port, "/work", "tracestate", "checkly=true", "X-Checkly-Origin", ORIGIN_SECRET);
    TestHttp.get(this.port, "/work");
    await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.spans().isEmpty());
    ((OpenTelemetrySdk) this.openTelemetry)
        .getSdkTracerProvider()
        .forceFlush()
        .join(10, TimeUnit.SECONDS);
    // The key was sent where it belongs...
    assertThat(receiver.spans())
        .allSatisfy(span -> assertThat(span.authorization()).isEqualTo(API_KEY));

    List<String> shown = new ArrayList<>();
    for (String path :
        List.of(
            "/actuator/env",
            "/actuator/configprops",
            "/actuator/env/otel.exporter.otlp.headers",
            "/actuator/env/checkly.origin.secret")) {
      HttpResponse<String> response = TestHttp.get(this.port, path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      shown.add(response.body());
    }
    for (String name : this.context.getBeanDefinitionNames()) {
      Object bean = this.context.getBean(name);
      if (bean.getClass().getName().startsWith("io.github.checklyotel.")) {
        shown.add(bean.toString());
      }
    }

    // ...and nowhere else.
    assertThat(shown)
        .isNotEmpty()
        .allSatisfy(text -> assertThat(text).doesNotContain(API_KEY, ORIGIN_SECRET));
    assertThat(String.join("\n", shown)).contains("******");
    String log = Files.readString(Path.of(LOG_FILE));
    assertThat(log)
        .contains("DEBUG")
        .contains("Checkly tracing is on")
        .doesNotContain(API_KEY)
        .doesNotContain(ORIGIN_SECRET);
    assertThat(output.getAll()).doesNotContain(API_KEY).doesNotContain(ORIGIN_SECRET);
  }
}

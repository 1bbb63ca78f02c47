package io.github.checklyotel.test.w3c;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The test service of the W3C Trace Context suite (github.com/w3c/trace-context, test/README.md):
 * {@code POST /test} takes a JSON array of {@code {"url": ..., "arguments": [...]}} and, for each
 * element in order, POSTs {@code arguments} as JSON to {@code url}, then answers 200.
 *
 * <p>The application uses the starter as shipped, with no OTLP endpoint: outgoing calls go through
 * the auto-configured {@link RestClient.Builder}, so OpenTelemetry's client instrumentation writes
 * {@code traceparent} and {@code tracestate} with the starter's propagator. Run by run-suite.sh.
 */
@SpringBootApplication
@RestController
public class TraceContextTestService {

  private final RestClient restClient;

  TraceContextTestService(RestClient.Builder builder) {
    this.restClient = builder.build();
  }

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(TraceContextTestService.class);
    application.setDefaultProperties(
        Map.of(
            "spring.application.name", "w3c-trace-context-test-service",
            "spring.main.banner-mode", "off",
            "server.address", "127.0.0.1"));
    application.run(args);
  }

  @PostMapping(path = "/test", produces = MediaType.APPLICATION_JSON_VALUE)
  public String test(@RequestBody(required = false) List<Map<String, Object>> actions) {
    if (actions != null) {
      for (Map<String, Object> action : actions) {
        Object arguments = action.get("arguments");
        this.restClient
            .post()
            .uri(String.valueOf(action.get("url")))
            .contentType(MediaType.APPLICATION_JSON)
            .body((arguments != null) ? arguments : List.of())
            .retrieve()
            .toBodilessEntity();
      }
    }
    return "{}";
  }
}

package io.github.checklyotel.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code checkly.web.propagate-foreign-context=false}, other requests start from nothing. */
@SpringBootTest(
    classes = ChecklyTraceStateFilterIntegrationTests.ProbeApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "checkly.web.propagate-foreign-context=false")
class ForeignContextNotPropagatedIntegrationTests {

  @LocalServerPort int port;

  @Test
  void otherRequestDropsTheCallersContext() throws Exception {
    assertThat(span(null)).isEqualTo(SpanContext.getInvalid().getTraceId() + ":false:false");
    assertThat(span("checkly=true"))
        .isEqualTo(ChecklyTraceStateFilterIntegrationTests.TRACE_ID + ":false:true");
  }

  private String span(String tracestate) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/span"))
            .header("traceparent", ChecklyTraceStateFilterIntegrationTests.TRACEPARENT);
    if (tracestate != null) {
      request.header("tracestate", tracestate);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}

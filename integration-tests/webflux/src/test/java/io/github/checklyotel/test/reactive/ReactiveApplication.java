package io.github.checklyotel.test.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** A reactive application on Netty that calls itself over a WebClient, as a service would. */
@SpringBootApplication
public class ReactiveApplication {

  /** A bean, so that OpenTelemetry's starter instruments it. */
  @Bean
  WebClient webClient() {
    return WebClient.builder().build();
  }

  @RestController
  static class WorkController {

    private final WebClient webClient;

    private final Environment environment;

    WorkController(WebClient webClient, Environment environment) {
      this.webClient = webClient;
      this.environment = environment;
    }

    /** Calls {@code /downstream} and answers with the traceparent that call carried. */
    @GetMapping("/work")
    Mono<String> work() {
      String port = this.environment.getRequiredProperty("local.server.port");
      return this.webClient
          .get()
          .uri("http://127.0.0.1:" + port + "/downstream")
          .retrieve()
          .bodyToMono(String.class);
    }

    /** Calls {@code /echo} and answers with the trace headers that call carried. */
    @GetMapping("/relay")
    Mono<String> relay() {
      String port = this.environment.getRequiredProperty("local.server.port");
      return this.webClient
          .get()
          .uri("http://127.0.0.1:" + port + "/echo")
          .retrieve()
          .bodyToMono(String.class);
    }

    @GetMapping("/echo")
    Mono<String> echo(
        @RequestHeader(name = "traceparent", required = false) String traceparent,
        @RequestHeader(name = "tracestate", required = false) String tracestate) {
      return Mono.just(traceparent + ";" + tracestate);
    }

    @GetMapping("/downstream")
    Mono<String> downstream(
        @RequestHeader(name = "traceparent", required = false) String traceparent) {
      return Mono.just(String.valueOf(traceparent));
    }
  }
}

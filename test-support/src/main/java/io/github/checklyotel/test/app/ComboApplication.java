package io.github.checklyotel.test.app;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.annotation.Observed;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application that uses every kind of instrumentation the starter must join into one trace:
 * OpenTelemetry's (server, RestClient), Micrometer Observations ({@code @Observed}, a custom one,
 * RestClient's), and work handed to {@code @Async} methods and to Spring's executor.
 */
@SpringBootApplication
@EnableAsync
public class ComboApplication {

  /** Span names of the work {@code GET /work} does beside its HTTP call. */
  public static final String OBSERVED = "observed.work";

  public static final String CUSTOM_OBSERVATION = "custom.work";

  public static final String ASYNC = "async.work";

  public static final String EXECUTOR = "executor.work";

  /** Runs the application on its own, as tests that need a JVM of its own with variables do. */
  public static void main(String[] args) {
    SpringApplication.run(ComboApplication.class, args);
  }

  @Bean
  RestClient restClient(RestClient.Builder builder) {
    return builder.build();
  }

  @Bean
  Tracer workTracer(OpenTelemetry openTelemetry) {
    return openTelemetry.getTracer("combo-app");
  }

  @RestController
  static class WorkController {

    private final RestClient restClient;

    private final Environment environment;

    private final ObservationRegistry observationRegistry;

    private final ObservedWork observedWork;

    private final AsyncWork asyncWork;

    private final Executor executor;

    private final Tracer tracer;

    WorkController(
        RestClient restClient,
        Environment environment,
        ObjectProvider<ObservationRegistry> observationRegistry,
        ObservedWork observedWork,
        AsyncWork asyncWork,
        @Qualifier("applicationTaskExecutor") Executor executor,
        Tracer tracer) {
      this.restClient = restClient;
      this.environment = environment;
      this.observationRegistry = observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP);
      this.observedWork = observedWork;
      this.asyncWork = asyncWork;
      this.executor = executor;
      this.tracer = tracer;
    }

    @GetMapping("/work")
    String work() {
      String port = this.environment.getRequiredProperty("local.server.port");
      String downstream =
          this.restClient
              .get()
              .uri("http://127.0.0.1:" + port + "/downstream")
              .retrieve()
              .body(String.class);
      this.observedWork.run();
      Observation.createNotStarted(CUSTOM_OBSERVATION, this.observationRegistry).observe(() -> {});
      this.asyncWork.run().join();
      CompletableFuture.runAsync(
              () -> this.tracer.spanBuilder(EXECUTOR).startSpan().end(), this.executor)
          .join();
      return "work:" + downstream;
    }

    @GetMapping("/downstream")
    String downstream() {
      return "ok";
    }
  }

  @Component
  static class ObservedWork {

    @Observed(name = OBSERVED, contextualName = OBSERVED)
    public void run() {}
  }

  @Component
  static class AsyncWork {

    private final Tracer tracer;

    AsyncWork(Tracer tracer) {
      this.tracer = tracer;
    }

    @Async
    public CompletableFuture<Void> run() {
      this.tracer.spanBuilder(ASYNC).startSpan().end();
      return CompletableFuture.completedFuture(null);
    }
  }
}

package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.ExportTarget;
import io.micrometer.registry.otlp.OtlpConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Checks, once every bean exists and before the application serves anything, that the promise holds
 * for the SDK actually in use, whatever built it (OpenTelemetry's starter from properties or from a
 * declarative model, Spring Boot, a bean of the user's): configuration paths nobody thought of are
 * caught here rather than in Checkly's bill.
 *
 * <ul>
 *   <li>a span without a parent (a startup or scheduled task) is not recorded;
 *   <li>a request of another system's sampled trace, with no Checkly decision, is not recorded;
 *   <li>no Micrometer OTLP registry publishes to the trace endpoint, unless the user set that URL
 *       for it.
 * </ul>
 *
 * <p>Probe spans are started and never ended: a span that is not ended is never exported, should
 * the check find that one was recorded. A failure stops startup with {@link
 * ChecklyStartupCheckException}; {@code checkly.startup-check.enabled=false} turns the check off.
 */
final class ChecklyStartupCheck implements SmartInitializingSingleton {

  private static final String INSTRUMENTATION_SCOPE = "io.github.checkly-otel.startup-check";

  /** Ids no real trace has, so that nothing can take the probe for one of its own. */
  private static final SpanContext FOREIGN_PARENT =
      SpanContext.createFromRemoteParent(
          "c4ec4ec4ec4ec4ec4ec4ec4ec4ec4ec4",
          "c4ec4ec4ec4ec4ec",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private static final String OTLP_CONFIG = "io.micrometer.registry.otlp.OtlpConfig";

  private static final String METRICS_URL = "management.otlp.metrics.export.url";

  private static final String SDK_DISABLED = "otel.sdk.disabled";

  private static final String ENABLED = "checkly.startup-check.enabled";

  private static final String METRICS_ENABLED = "management.otlp.metrics.export.enabled";

  private final ListableBeanFactory beanFactory;

  private final ConfigurableEnvironment environment;

  ChecklyStartupCheck(ListableBeanFactory beanFactory, ConfigurableEnvironment environment) {
    this.beanFactory = beanFactory;
    this.environment = environment;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!this.environment.getProperty(ENABLED, Boolean.class, true)) {
      // Read here rather than in a condition, so that Spring AOT does not fix it at build time.
      return;
    }
    if (this.environment.getProperty(SDK_DISABLED, Boolean.class, false)) {
      // Nothing is exported then: OpenTelemetry's SDK, where it is built at all (under Spring
      // AOT), has no span processor. The startup line says tracing is off.
      return;
    }
    List<String> problems = new ArrayList<>();
    // Singletons only, and no eager initialisation: the check must not create what nobody uses.
    for (OpenTelemetry openTelemetry :
        this.beanFactory.getBeansOfType(OpenTelemetry.class, false, false).values()) {
      problems.addAll(probe(openTelemetry));
    }
    ExportTarget target =
        this.beanFactory.getBeanProvider(ExportStatus.class).stream()
            .map(ExportStatus::getTarget)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    if (target != null
        && target.endpoint() != null
        && ClassUtils.isPresent(OTLP_CONFIG, getClass().getClassLoader())) {
      problems.addAll(MetricsExport.check(this.beanFactory, this.environment, target.endpoint()));
    }
    if (!problems.isEmpty()) {
      throw new ChecklyStartupCheckException(problems);
    }
  }

  /** What {@code openTelemetry} records that is not Checkly's. */
  static List<String> probe(OpenTelemetry openTelemetry) {
    List<String> problems = new ArrayList<>();
    Tracer tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
    Span root = tracer.spanBuilder("checkly startup check").setNoParent().startSpan();
    if (root.isRecording()) {
      problems.add(
          "A span without a parent (a startup or scheduled task) is recorded by "
              + describe(openTelemetry));
    }
    Span foreign =
        tracer
            .spanBuilder("checkly startup check")
            .setParent(Context.root().with(Span.wrap(FOREIGN_PARENT)))
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    if (foreign.isRecording()) {
      problems.add(
          "A request of another system's sampled trace, without tracestate checkly=true, is"
              + " recorded by "
              + describe(openTelemetry));
    }
    return problems;
  }

  private static String describe(OpenTelemetry openTelemetry) {
    return openTelemetry.getClass().getName();
  }

  /** Micrometer's OTLP registries, which publish metrics on their own schedule. */
  private static final class MetricsExport {

    static List<String> check(
        ListableBeanFactory beanFactory, ConfigurableEnvironment environment, String traceHost) {
      List<String> problems = new ArrayList<>();
      for (Map.Entry<String, OtlpConfig> config :
          beanFactory.getBeansOfType(OtlpConfig.class, false, false).entrySet()) {
        String url = config.getValue().url();
        if (url == null || !traceHost.equals(ChecklyOpenTelemetryCustomizer.hostOf(url))) {
          continue;
        }
        // The user's own values: Spring Boot 4.1 ranks what it derives from the OTEL_* variables
        // above them, so the environment's value would be the registry's own URL.
        Object explicit = ChecklyEnvironmentDefaults.userValue(environment, METRICS_URL);
        Object enabled = ChecklyEnvironmentDefaults.userValue(environment, METRICS_ENABLED);
        if (url.equals(String.valueOf(explicit))
            || (explicit == null && "true".equals(String.valueOf(enabled).trim()))) {
          // Pointed there, or turned on to send where OpenTelemetry's variables say, on purpose.
          continue;
        }
        problems.add(
            "Micrometer's OTLP registry (bean '"
                + config.getKey()
                + "') publishes metrics to the trace endpoint "
                + traceHost
                + ((explicit != null)
                    ? ", not to the URL set in "
                        + METRICS_URL
                        + ": Spring Boot 4.1 replaces it"
                        + " with one derived from OTEL_EXPORTER_OTLP_ENDPOINT; set"
                        + " OTEL_EXPORTER_OTLP_METRICS_ENDPOINT instead"
                    : ", with the traces' headers"));
      }
      return problems;
    }
  }
}

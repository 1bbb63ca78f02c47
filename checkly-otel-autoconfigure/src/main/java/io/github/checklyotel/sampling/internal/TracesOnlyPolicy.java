package io.github.checklyotel.sampling.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The "traces only" policy, written once for both ways of running: the starter's environment
 * defaults and OpenTelemetry customizer, and the Java agent extension's customizer, all take it
 * from here.
 *
 * <ul>
 *   <li>By default, below anything the user sets, no metrics exporter and no logs exporter ({@link
 *       #EXPORTER_DEFAULTS}).
 *   <li>While a signal is not exported, the instrumentation that only feeds it is off ({@link
 *       #instrumentationOff}): it would cost CPU on every GC or log line for data that goes
 *       nowhere.
 * </ul>
 *
 * <p>The log appenders differ on purpose. OpenTelemetry's Spring Boot starter has two, Logback's
 * and Log4j's ({@code otel.instrumentation.logback-appender.enabled} and {@code
 * otel.instrumentation.log4j-appender.enabled}); the Java agent also instruments {@code
 * java.util.logging} and the JBoss LogManager, under {@code java-util-logging} and {@code
 * jboss-logmanager-appender}. The starter leaves out switches its OpenTelemetry does not read.
 *
 * <p>Internal: not API. Public only so that the starter's auto-configuration and the Java agent
 * extension share one policy; it may change in any release.
 */
public final class TracesOnlyPolicy {

  /** OpenTelemetry's setting naming the metrics exporters. */
  public static final String METRICS_EXPORTER = "otel.metrics.exporter";

  /** OpenTelemetry's setting naming the logs exporters. */
  public static final String LOGS_EXPORTER = "otel.logs.exporter";

  /** The exporter defaults: only traces are exported unless the user turns another signal on. */
  public static final Map<String, String> EXPORTER_DEFAULTS =
      Map.of(METRICS_EXPORTER, "none", LOGS_EXPORTER, "none");

  /** Instrumentation that only feeds the metrics exporter: JVM runtime metrics. */
  private static final List<String> METRICS_INSTRUMENTATION = List.of("runtime-telemetry");

  /** The log appenders of both OpenTelemetry's Spring Boot starter and the Java agent. */
  private static final List<String> LOG_APPENDERS = List.of("logback-appender", "log4j-appender");

  /** The log appenders only the Java agent has. */
  private static final List<String> JAVA_AGENT_LOG_APPENDERS =
      List.of("java-util-logging", "jboss-logmanager-appender");

  private TracesOnlyPolicy() {}

  /**
   * The switches, each {@code false}, of the instrumentation that only feeds a signal nobody
   * exports, in the order they are listed.
   *
   * @param javaAgent whether for the Java agent, which has more log appenders than OpenTelemetry's
   *     Spring Boot starter
   * @param exporterOff whether the signal whose exporters the given setting ({@link
   *     #METRICS_EXPORTER} or {@link #LOGS_EXPORTER}) names is off, as its caller reads it
   */
  public static Map<String, String> instrumentationOff(
      boolean javaAgent, Predicate<String> exporterOff) {
    Map<String, String> off = new LinkedHashMap<>();
    if (exporterOff.test(METRICS_EXPORTER)) {
      turnOff(off, METRICS_INSTRUMENTATION);
    }
    if (exporterOff.test(LOGS_EXPORTER)) {
      turnOff(off, LOG_APPENDERS);
      if (javaAgent) {
        turnOff(off, JAVA_AGENT_LOG_APPENDERS);
      }
    }
    return off;
  }

  private static void turnOff(Map<String, String> off, List<String> instrumentations) {
    for (String instrumentation : instrumentations) {
      off.put("otel.instrumentation." + instrumentation + ".enabled", "false");
    }
  }
}

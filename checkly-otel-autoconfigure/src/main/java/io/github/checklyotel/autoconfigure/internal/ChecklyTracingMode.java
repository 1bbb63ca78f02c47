package io.github.checklyotel.autoconfigure.internal;

import io.github.checklyotel.autoconfigure.ChecklyProperties;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.springframework.util.ClassUtils;

/**
 * Who records this application's Checkly traces: the one decision every auto-configuration and the
 * environment defaults follow, made here from {@code checkly.enabled} and the presence of the
 * OpenTelemetry Java agent.
 */
public enum ChecklyTracingMode {

  /** This starter builds the SDK, through OpenTelemetry's Spring Boot starter. */
  STARTER,

  /**
   * The OpenTelemetry Java agent is attached and has built the application's SDK: this starter
   * builds none, hands the agent's to Spring, and says what the agent records.
   */
  JAVA_AGENT,

  /** {@code checkly.enabled=false}: nothing is recorded. */
  OFF;

  /** A class the agent puts on the bootstrap class path before the application starts. */
  private static final String AGENT_BOOTSTRAP_CLASS =
      "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

  /** Where the agent's bridge to its own SDK, which it makes the global OpenTelemetry, lives. */
  private static final String AGENT_PACKAGE = "io.opentelemetry.javaagent.";

  private static final String GLOBAL_OPENTELEMETRY = "io.opentelemetry.api.GlobalOpenTelemetry";

  private static final boolean JAVA_AGENT_CLASSES = lookUpJavaAgentClasses();

  /** The mode for the {@code checkly.*} properties {@code properties}. */
  public static ChecklyTracingMode of(ChecklyProperties properties) {
    if (!properties.isEnabled()) {
      return OFF;
    }
    return isJavaAgentAttached() ? JAVA_AGENT : STARTER;
  }

  /**
   * Whether the OpenTelemetry Java agent runs in this JVM: its bootstrap classes are there (a cheap
   * test that fails in every other application), and it did install its SDK as the global
   * OpenTelemetry. It leaves its classes behind when it is turned off ({@code
   * otel.javaagent.enabled=false}) or fails to start (a bad setting), and the application must then
   * trace on its own. {@link GlobalOpenTelemetry#get()} is called only once {@link
   * GlobalOpenTelemetry#isSet()} says it is set, since it would otherwise fix the global for good.
   */
  public static boolean isJavaAgentAttached() {
    return hasJavaAgentClasses()
        && ClassUtils.isPresent(GLOBAL_OPENTELEMETRY, ChecklyTracingMode.class.getClassLoader())
        && GlobalOpenTelemetry.isSet()
        && GlobalOpenTelemetry.get().getClass().getName().startsWith(AGENT_PACKAGE);
  }

  /** Whether the agent's bootstrap classes are there, whether or not the agent runs. */
  public static boolean hasJavaAgentClasses() {
    return JAVA_AGENT_CLASSES;
  }

  /** Looked up once: the boot class path does not change while the JVM runs. */
  private static boolean lookUpJavaAgentClasses() {
    try {
      Class.forName(AGENT_BOOTSTRAP_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException ex) {
      return false;
    }
  }
}

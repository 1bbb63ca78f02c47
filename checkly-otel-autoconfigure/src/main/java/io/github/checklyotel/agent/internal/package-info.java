/**
 * The Checkly extension for the OpenTelemetry Java agent: providers the agent finds through the
 * service files of {@code checkly-otel-javaagent-extension}, which packages this package with
 * {@code sampling} and {@code propagation}. Nothing here, or in what it uses, depends on Spring:
 * the agent gives an extension the JDK and OpenTelemetry only.
 */
package io.github.checklyotel.agent.internal;

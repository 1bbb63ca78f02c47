package io.github.checklyotel.agent.internal;

import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import io.github.checklyotel.sampling.internal.ChecklySamplingSettings.InvalidSettingException;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The parts the extension's providers share for one SDK: the agent instantiates each provider on
 * its own, but the sampler, the span processor and the boundary must see the same memory of
 * outgoing calls. They are built once per {@link ConfigProperties} instance, which the agent hands
 * to every provider of the SDK it builds.
 */
final class ChecklyAgentComponents {

  private static final AtomicReference<ChecklyAgentComponents> LATEST = new AtomicReference<>();

  /** The components of an SDK the agent builds from a declarative configuration file. */
  private static ChecklyAgentComponents declarative;

  private final ConfigProperties config;

  private final ChecklySamplingSettings settings;

  private final OutgoingSpans outgoingSpans;

  private final ChecklySampler sampler;

  private final ChecklyBoundaryPropagator propagator;

  private ChecklyAgentComponents(ConfigProperties config) {
    this.config = config;
    this.settings = readSettings(config);
    this.outgoingSpans = this.settings.createOutgoingSpans();
    this.sampler = this.settings.createSampler(this.outgoingSpans);
    this.propagator =
        new ChecklyBoundaryPropagator(
            this.settings.createMatcher(this.outgoingSpans),
            config.getBoolean(ChecklySamplingSettings.PROPAGATE_FOREIGN_CONTEXT, true));
  }

  /** The components for the SDK configured by {@code config}. */
  static ChecklyAgentComponents of(ConfigProperties config) {
    ChecklyAgentComponents latest = LATEST.get();
    if (latest != null && latest.config == config) {
      return latest;
    }
    ChecklyAgentComponents created = new ChecklyAgentComponents(config);
    // The agent builds its SDK on one thread; should two ever race, both get whole components.
    return LATEST.compareAndSet(latest, created) ? created : of(config);
  }

  /**
   * The components for an SDK built from a declarative configuration file, where the agent hands
   * its providers no {@link ConfigProperties}: the {@code checkly.*} settings are read from system
   * properties and {@code CHECKLY_*} environment variables. Built once per JVM, on first use.
   */
  static synchronized ChecklyAgentComponents declarative() {
    if (declarative == null) {
      declarative =
          new ChecklyAgentComponents(
              DefaultConfigProperties.create(
                  Map.of(),
                  ComponentLoader.forClassLoader(ChecklyAgentComponents.class.getClassLoader())));
    }
    return declarative;
  }

  /**
   * Reads the starter's {@code checkly.*} settings from the agent's configuration: system
   * properties, {@code CHECKLY_*} environment variables or the agent's configuration file.
   */
  static ChecklySamplingSettings readSettings(ConfigProperties config) {
    ChecklySamplingSettings.Builder builder = ChecklySamplingSettings.builder();
    Boolean rateLimitEnabled = config.getBoolean(ChecklySamplingSettings.RATE_LIMIT_ENABLED);
    if (rateLimitEnabled != null) {
      builder.rateLimitEnabled(rateLimitEnabled);
    }
    Double tracesPerSecond = config.getDouble(ChecklySamplingSettings.RATE_LIMIT_TRACES_PER_SECOND);
    if (tracesPerSecond != null) {
      builder.tracesPerSecond(tracesPerSecond);
    }
    Integer burst = config.getInt(ChecklySamplingSettings.RATE_LIMIT_BURST);
    if (burst != null) {
      builder.burst(burst);
    }
    Duration window = config.getDuration(ChecklySamplingSettings.REENTRY_WINDOW);
    if (window != null) {
      builder.reentryWindow(window);
    }
    Integer maxCalls = config.getInt(ChecklySamplingSettings.REENTRY_MAX_CALLS);
    if (maxCalls != null) {
      builder.reentryMaxCalls(maxCalls);
    }
    Integer maxPerTrace = config.getInt(ChecklySamplingSettings.REENTRY_MAX_PER_TRACE);
    if (maxPerTrace != null) {
      builder.reentryMaxPerTrace(maxPerTrace);
    }
    String headerName = config.getString(ChecklySamplingSettings.ORIGIN_HEADER_NAME);
    if (headerName != null) {
      builder.originHeaderName(headerName);
    }
    builder.originSecret(config.getString(ChecklySamplingSettings.ORIGIN_SECRET));
    try {
      return builder.build();
    } catch (InvalidSettingException ex) {
      // The agent reports a ConfigurationException as a configuration error; the message never
      // holds the secret.
      throw new ConfigurationException(ex.getMessage(), ex);
    }
  }

  ChecklySamplingSettings settings() {
    return this.settings;
  }

  OutgoingSpans outgoingSpans() {
    return this.outgoingSpans;
  }

  ChecklySampler sampler() {
    return this.sampler;
  }

  ChecklyBoundaryPropagator propagator() {
    return this.propagator;
  }
}

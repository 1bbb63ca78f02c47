package io.github.checklyotel.sample;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * For the benchmarks only: with the {@code otel-always-on} profile a user-defined sampler replaces
 * the Checkly one, and the starter steps aside, so the application behaves as with OpenTelemetry's
 * starter and {@code always_on} sampling: the baseline Checkly traffic is compared against.
 */
@Configuration(proxyBeanMethods = false)
@Profile("otel-always-on")
class AlwaysOnSamplingConfiguration {

  @Bean
  Sampler alwaysOnSampler() {
    return Sampler.alwaysOn();
  }
}

package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.metrics.internal.ChecklyMeterBinder;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the starter's Micrometer meters: traces started and refused, requests left
 * untraced, spans exported and lost. Spring Boot binds every {@link MeterBinder} bean to its
 * registries.
 */
@AutoConfiguration(
    after = {
      ChecklyTracingAutoConfiguration.class,
      ChecklyServletAutoConfiguration.class,
      ChecklyReactiveAutoConfiguration.class
    })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnChecklyTracing
public final class ChecklyMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ChecklyMeterBinder checklyMeterBinder(
      ObjectProvider<ChecklySampler> sampler,
      ObjectProvider<ChecklyRequestMatcher> matcher,
      ObjectProvider<ExportStatus> exportStatus) {
    return new ChecklyMeterBinder(
        sampler.getIfUnique(), matcher.getIfUnique(), exportStatus.getIfUnique());
  }
}

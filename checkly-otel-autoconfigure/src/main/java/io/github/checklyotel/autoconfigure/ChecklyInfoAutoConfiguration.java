package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.actuate.internal.ChecklyInfoContributor;
import io.github.checklyotel.autoconfigure.internal.version.StarterBuild;
import io.github.checklyotel.export.ExportStatus;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Auto-configuration of the {@code checkly} section of {@code /actuator/info}. */
@AutoConfiguration(after = ChecklyTracingAutoConfiguration.class)
@ConditionalOnClass({InfoContributor.class, ConditionalOnEnabledInfoContributor.class})
@ConditionalOnBean(ExportStatus.class)
@ConditionalOnEnabledInfoContributor("checkly")
public final class ChecklyInfoAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "checklyInfoContributor")
  ChecklyInfoContributor checklyInfoContributor(
      ExportStatus exportStatus, ObjectProvider<Sampler> sampler) {
    Sampler current = sampler.getIfUnique();
    return new ChecklyInfoContributor(
        exportStatus,
        (current != null) ? current.getDescription() : "unknown",
        StarterBuild.version());
  }
}

package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.export.internal.SecretMasker;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the Checkly API key and the origin secret out of Actuator's {@code env} and {@code
 * configprops} endpoints, even where their values are shown ({@code show-values=ALWAYS}): every
 * setting {@link SecretMasker#isSecretKey} names.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class ChecklyActuatorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "checklySanitizingFunction")
  SanitizingFunction checklySanitizingFunction() {
    // The rule that masks secrets in logs, so that both hide the same settings.
    return SanitizingFunction.sanitizeValue().ifKeyMatches(SecretMasker::isSecretKey);
  }
}

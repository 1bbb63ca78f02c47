package io.github.checklyotel.autoconfigure;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the Checkly API key and the origin secret out of Actuator's {@code env} and {@code
 * configprops} endpoints, even where their values are shown ({@code show-values=ALWAYS}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class ChecklyActuatorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "checklySanitizingFunction")
  SanitizingFunction checklySanitizingFunction() {
    return SanitizingFunction.sanitizeValue()
        .ifKeyMatches(ChecklyActuatorAutoConfiguration::isSecretKey);
  }

  /**
   * Whether a property may hold the API key or the origin secret: any OTLP headers property, in any
   * of its spellings, and anything named like a secret or an authorization.
   */
  static boolean isSecretKey(String key) {
    String lowerCaseKey = key.toLowerCase(Locale.ROOT);
    return lowerCaseKey.contains("headers")
        || lowerCaseKey.endsWith("secret")
        || lowerCaseKey.endsWith("authorization");
  }
}

package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnChecklyTracing}. */
class OnChecklyTracingCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> attributes =
        metadata.getAnnotationAttributes(ConditionalOnChecklyTracing.class.getName());
    List<ChecklyTracingMode> wanted = Arrays.asList((ChecklyTracingMode[]) attributes.get("value"));
    ChecklyTracingMode mode = ChecklyProperties.tracingMode(context.getEnvironment());
    ConditionMessage.Builder message =
        ConditionMessage.forCondition(ConditionalOnChecklyTracing.class, wanted);
    return wanted.contains(mode)
        ? ConditionOutcome.match(message.because("Checkly tracing mode is " + mode))
        : ConditionOutcome.noMatch(message.because("Checkly tracing mode is " + mode));
  }
}

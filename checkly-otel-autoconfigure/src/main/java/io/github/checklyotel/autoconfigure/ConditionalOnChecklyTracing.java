package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when Checkly tracing runs in one of the given {@linkplain ChecklyTracingMode modes}: by
 * default, when this starter records the traces itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnChecklyTracingCondition.class)
@interface ConditionalOnChecklyTracing {

  /** The modes in which the annotated configuration applies. */
  ChecklyTracingMode[] value() default ChecklyTracingMode.STARTER;
}

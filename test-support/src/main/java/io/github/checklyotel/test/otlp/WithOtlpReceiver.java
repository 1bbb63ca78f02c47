package io.github.checklyotel.test.otlp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test's application an OTLP receiver of its own: started with the context, {@code
 * otel.exporter.otlp.endpoint} and {@code .protocol} pointed at it, available as a bean
 * ({@code @Autowired OtlpReceiver receiver}), closed with the context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithOtlpReceiver {

  /** The OTLP transport the receiver speaks. */
  Transport value() default Transport.HTTP;

  /** OTLP's transports. */
  enum Transport {
    /** OTLP/HTTP with protobuf bodies. */
    HTTP,
    /** OTLP/gRPC. */
    GRPC
  }
}

package ai.hyperion.api;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the dialect used where a request reached no resource that declares one (an unknown path)
 * and by resources without {@link ClientDialect}. The bean keeps {@code @Default} too, so it can
 * still be injected by its type.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface DefaultDialect {}

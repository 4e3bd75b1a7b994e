package ai.hyperion.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The dialect a data-plane resource speaks, so that failures anywhere on its path (a bad key in the
 * filters, a bad body, an upstream error) are answered in that client's error shape. Resources
 * without it speak OpenAI's.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClientDialect {

  Class<? extends Dialect> value();
}

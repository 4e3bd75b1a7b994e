package bench.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The JAX-RS application of the ceiling WAR: the trivial resource and the proxies, no CDI. */
@ApplicationPath("/rest")
public class CeilingApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        CeilingResource.class, CeilingProxyResource.class, CeilingNettyProxyResource.class);
  }
}

package ai.hyperion.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the control-plane database answers (cold key lookups and the admin API need it). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject Transactions transactions;

  @Override
  public HealthCheckResponse call() {
    try {
      long orgs =
          transactions.inTransaction(
              em ->
                  em.createQuery("select count(o) from Organization o", Long.class)
                      .getSingleResult());
      return HealthCheckResponse.named("database").up().withData("organizations", orgs).build();
    } catch (PersistenceException e) {
      return HealthCheckResponse.named("database")
          .down()
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}

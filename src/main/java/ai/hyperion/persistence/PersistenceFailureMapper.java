package ai.hyperion.persistence;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.AdminApiExceptionMapper;
import jakarta.persistence.EntityExistsException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A concurrent admin change lost the race (409, retry); anything else from the database is a 503.
 */
@Provider
public class PersistenceFailureMapper implements ExceptionMapper<PersistenceException> {

  private static final Logger LOG = Logger.getLogger(PersistenceFailureMapper.class.getName());

  @Override
  public Response toResponse(PersistenceException failure) {
    if (failure instanceof OptimisticLockException || failure instanceof EntityExistsException) {
      return AdminApiExceptionMapper.response(
          new AdminApiException(
              409,
              "conflict",
              "Another change to the same object was saved first: read it again and retry.",
              List.of()));
    }
    LOG.log(Level.SEVERE, "Database failure in the admin API", failure);
    return AdminApiExceptionMapper.response(
        new AdminApiException(
            503,
            "database_unavailable",
            "The gateway's database did not answer; retry shortly.",
            List.of()));
  }
}

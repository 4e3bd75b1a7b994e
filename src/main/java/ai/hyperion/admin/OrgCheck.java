package ai.hyperion.admin;

import jakarta.persistence.EntityManager;

/**
 * The 404 of an admin operation on an organisation that does not exist, checked by JPQL so that a
 * capability package's settings need no tenancy types.
 */
public final class OrgCheck {

  private OrgCheck() {}

  /** Returns null (for use inside a transaction's work) or throws the admin API's 404. */
  public static Void require(EntityManager em, String orgId) {
    long found =
        em.createQuery("select count(o) from Organization o where o.id = :id", Long.class)
            .setParameter("id", orgId)
            .getSingleResult();
    if (found == 0) {
      throw AdminApiException.notFound("organisation", orgId);
    }
    return null;
  }
}

package ai.hyperion.admin;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A filtered, ordered, paged JPQL listing of one entity type, with its total count. */
public final class Listing<E> {

  static final int MAX_SEARCH = 200;

  private final Class<E> type;
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  private Listing(Class<E> type) {
    this.type = type;
  }

  public static <E> Listing<E> of(Class<E> type) {
    return new Listing<>(type);
  }

  /** Adds {@code e.<field> = :<field>} unless the value is null. */
  public Listing<E> where(String field, Object value) {
    if (value != null) {
      conditions.add("e." + field + " = :" + field);
      parameters.put(field, value);
    }
    return this;
  }

  /**
   * Adds a case-insensitive "contains {@code text}" match on any of the fields, unless the text is
   * blank; {@code q} is the query parameter named in the error for a text that is too long.
   */
  public Listing<E> matching(String text, String... fields) {
    if (text == null || text.isBlank()) {
      return this;
    }
    if (text.length() > MAX_SEARCH) {
      throw AdminApiException.invalid("q", "must be at most " + MAX_SEARCH + " characters");
    }
    String pattern =
        "%"
            + text.trim()
                .toLowerCase(Locale.ROOT)
                .replace("!", "!!")
                .replace("%", "!%")
                .replace("_", "!_")
            + "%";
    List<String> alternatives = new ArrayList<>();
    for (String field : fields) {
      alternatives.add("lower(e." + field + ") like :q escape '!'");
    }
    conditions.add("(" + String.join(" or ", alternatives) + ")");
    parameters.put("q", pattern);
    return this;
  }

  public Listing<E> whereNull(String field) {
    conditions.add("e." + field + " is null");
    return this;
  }

  public Page<E> fetch(EntityManager em, PageRequest page) {
    String entity = type.getSimpleName();
    String filter = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    TypedQuery<Long> count =
        em.createQuery("select count(e) from " + entity + " e" + filter, Long.class);
    TypedQuery<E> rows =
        em.createQuery(
            "select e from " + entity + " e" + filter + " order by e.createdAt, e.id", type);
    parameters.forEach(
        (name, value) -> {
          count.setParameter(name, value);
          rows.setParameter(name, value);
        });
    List<E> data = rows.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
    return Page.of(data, count.getSingleResult(), page);
  }
}

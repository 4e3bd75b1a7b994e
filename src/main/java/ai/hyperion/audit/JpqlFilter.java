package ai.hyperion.audit;

import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code where} clause of a search over alias {@code e}: conditions added only for the filters
 * given, each value bound as a parameter (never spliced into the query).
 */
public final class JpqlFilter {

  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  /** {@code e.field = value}, unless value is null. */
  public JpqlFilter eq(String field, Object value) {
    return add(field, "=", value);
  }

  /** {@code e.field >= value}, unless value is null. */
  public JpqlFilter atLeast(String field, Object value) {
    return add(field, ">=", value);
  }

  /** {@code e.field < value}, unless value is null. */
  public JpqlFilter before(String field, Object value) {
    return add(field, "<", value);
  }

  /** A condition written out, with its own named parameters. */
  public JpqlFilter raw(String condition, Map<String, Object> values) {
    conditions.add("(" + condition + ")");
    parameters.putAll(values);
    return this;
  }

  private JpqlFilter add(String field, String operator, Object value) {
    if (value != null) {
      String name = "p" + parameters.size();
      conditions.add("e." + field + " " + operator + " :" + name);
      parameters.put(name, value);
    }
    return this;
  }

  /** A copy, to add a cursor condition to without changing this one. */
  public JpqlFilter copy() {
    JpqlFilter copy = new JpqlFilter();
    copy.conditions.addAll(conditions);
    copy.parameters.putAll(parameters);
    return copy;
  }

  public String where() {
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  public <Q extends Query> Q bind(Q query) {
    parameters.forEach(query::setParameter);
    return query;
  }

  /**
   * One page of the entities that match, in {@code orderBy} order (e.g. "e.seq desc"), with the
   * total.
   */
  public <E> Page<E> page(EntityManager em, Class<E> type, String orderBy, PageRequest page) {
    String entity = type.getSimpleName();
    long total =
        bind(em.createQuery("select count(e) from " + entity + " e" + where(), Long.class))
            .getSingleResult();
    List<E> rows =
        bind(em.createQuery(
                "select e from " + entity + " e" + where() + " order by " + orderBy, type))
            .setFirstResult(page.offset())
            .setMaxResults(page.limit())
            .getResultList();
    return Page.of(rows, total, page);
  }

  /** At most {@code max} matching entities in {@code orderBy} order. */
  public <E> List<E> first(EntityManager em, Class<E> type, String orderBy, int max) {
    return bind(em.createQuery(
            "select e from " + type.getSimpleName() + " e" + where() + " order by " + orderBy,
            type))
        .setMaxResults(max)
        .getResultList();
  }
}

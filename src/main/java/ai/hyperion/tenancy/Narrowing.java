package ai.hyperion.tenancy;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.FieldError;
import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks that a change only narrows what its bounds allow, and refuses it with a 403 naming every
 * field that would widen. Two kinds of bound: an <em>inherited</em> one (the team's, the org's, a
 * ceiling) is enforced at its own level anyway, so leaving a field unset is fine and only a wider
 * value is refused; a <em>current</em> one (what is set on the object now, when people edit their
 * own) must not be removed either.
 */
final class Narrowing {

  private final List<FieldError> errors = new ArrayList<>();

  Narrowing allowList(String field, Set<String> requested, AllowList inherited, AllowList current) {
    if (requested == null) {
      return this;
    }
    if (current.restricted() && requested.isEmpty()) {
      return add(field, "cannot be cleared: it may only narrow " + sorted(current.names()));
    }
    AllowList bound = inherited.intersect(current);
    if (bound.restricted() && !requested.isEmpty() && !bound.names().containsAll(requested)) {
      Set<String> extra = new TreeSet<>(requested);
      extra.removeAll(bound.names());
      add(field, "may only narrow " + sorted(bound.names()) + "; not allowed: " + extra);
    }
    return this;
  }

  Narrowing limits(String field, Limits requested, Limits inherited, Limits current) {
    if (requested == null) {
      return this;
    }
    limit(field + ".requestsPerMinute", requested, inherited, current, Limits::requestsPerMinute);
    limit(field + ".tokensPerMinute", requested, inherited, current, Limits::tokensPerMinute);
    limit(
        field + ".maxConcurrentRequests",
        requested,
        inherited,
        current,
        Limits::maxConcurrentRequests);
    return this;
  }

  /** {@code permitted}: the budgets the caller may attach to; a current one must stay. */
  Narrowing budgetRef(String field, Limits requested, Set<String> permitted, String current) {
    if (requested == null) {
      return this;
    }
    String ref = requested.budgetRef();
    if (current != null && !current.equals(ref)) {
      return add(field, "cannot be changed or removed from '" + current + "' by you");
    }
    if (ref != null && !ref.equals(current) && !permitted.contains(ref)) {
      add(
          field,
          permitted.isEmpty()
              ? "you may not attach a budget here"
              : "may only be one of " + sorted(permitted));
    }
    return this;
  }

  /** {@code removing}: the request asks for no expiry at all. */
  Narrowing expiry(String field, Instant requested, boolean removing, Instant current) {
    if (current == null) {
      return this;
    }
    if (removing) {
      return add(field, "cannot be removed (it is " + current + ")");
    }
    if (requested != null && requested.isAfter(current)) {
      add(field, "may only move earlier than " + current);
    }
    return this;
  }

  /** Metadata set by a level above may not be overridden from below. */
  Narrowing metadata(String field, Map<String, String> requested, Set<String> reserved) {
    if (requested == null) {
      return this;
    }
    for (String key : new TreeSet<>(requested.keySet())) {
      if (reserved.contains(key)) {
        add(field + "." + key, "is set by the team or organisation and cannot be overridden");
      }
    }
    return this;
  }

  Narrowing add(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  void throwIfAny() {
    if (errors.isEmpty()) {
      return;
    }
    FieldError first = errors.get(0);
    String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more)";
    throw new AdminApiException(
        403,
        "forbidden",
        "You may only narrow what you are allowed: " + first.field() + " " + first.message() + more,
        errors);
  }

  /** The tightest of the given levels, field by field (a budget is not merged). */
  static Limits tightest(Limits... levels) {
    return new Limits(
        min(levels, Limits::requestsPerMinute),
        min(levels, Limits::tokensPerMinute),
        min(levels, Limits::maxConcurrentRequests),
        null);
  }

  private void limit(
      String field,
      Limits requested,
      Limits inherited,
      Limits current,
      Function<Limits, Integer> value) {
    Integer asked = value.apply(requested);
    Integer own = value.apply(current);
    if (own != null && asked == null) {
      add(field, "cannot be removed (it is " + own + ")");
      return;
    }
    Integer bound = min(new Limits[] {inherited, current}, value);
    if (asked != null && bound != null && asked > bound) {
      add(field, "must be at most " + bound);
    }
  }

  private static Integer min(Limits[] levels, Function<Limits, Integer> value) {
    Integer min = null;
    for (Limits level : levels) {
      Integer v = level == null ? null : value.apply(level);
      if (v != null && (min == null || v < min)) {
        min = v;
      }
    }
    return min;
  }

  private static Set<String> sorted(Set<String> names) {
    return new TreeSet<>(names);
  }
}

package ai.hyperion.admin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An admin area whose API is deployed. A capability makes its admin UI page appear by producing one
 * of these as a CDI bean next to its admin resource, e.g. in a {@code @Dependent} class of its
 * package:
 *
 * <pre>
 * &#64;Produces static final AdminFeature BUDGETS = new AdminFeature("budgets", Area.USAGE);
 * </pre>
 *
 * {@code GET /admin/api/features} lists the features the caller's role may read, with how far it
 * may read and change them; the UI shows a page only for a listed feature.
 *
 * @param id the page's name in the UI ({@code admin-ui/js/pages.js}), lower-case words and dashes
 * @param area what the access matrix calls it; null for an area every signed-in caller may read
 */
public record AdminFeature(String id, Area area) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  public AdminFeature {
    Objects.requireNonNull(id);
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Feature id must be lower-case words and dashes: " + id);
    }
  }

  /** An area every signed-in caller may read and nobody changes through the API. */
  public static AdminFeature readOnly(String id) {
    return new AdminFeature(id, null);
  }
}

package ai.hyperion.api.responses;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A response kept for {@code GET /v1/responses/{id}} and {@code previous_response_id}: the response
 * object as answered, and the conversation it answered (the items of its previous responses and its
 * own input), both as JSON. Owned by one org; other orgs never see it.
 */
@Entity
@Table(name = "stored_responses")
public class StoredResponse {

  @Id
  @Column(name = "id", length = 64)
  private String id;

  @Column(name = "org_id", length = 40, nullable = false)
  private String orgId;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "model", length = 200)
  private String model;

  @Column(name = "previous_response_id", length = 64)
  private String previousResponseId;

  @Lob
  @Column(name = "input_items", nullable = false)
  private String inputItems;

  @Lob
  @Column(name = "response", nullable = false)
  private String response;

  protected StoredResponse() {}

  public StoredResponse(
      String id,
      String orgId,
      LocalDateTime createdAt,
      String model,
      String previousResponseId,
      String inputItems,
      String response) {
    this.id = id;
    this.orgId = orgId;
    this.createdAt = createdAt;
    this.model = model;
    this.previousResponseId = previousResponseId;
    this.inputItems = inputItems;
    this.response = response;
  }

  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public String model() {
    return model;
  }

  public String previousResponseId() {
    return previousResponseId;
  }

  /** The conversation this response answered, as a JSON array of items. */
  public String inputItems() {
    return inputItems;
  }

  /** The response object, as JSON. */
  public String response() {
    return response;
  }
}

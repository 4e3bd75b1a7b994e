package ai.hyperion.dedicated;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

/** One line of an endpoint's history: a state change and its reason, or a platform message. */
@Entity
@Table(name = "dedicated_endpoint_events")
public class EndpointEvent {

  /** What kind of line. */
  public enum Kind {
    STATE,
    INFO,
    WARNING,
    ERROR
  }

  /** Keeps ids of events written in the same microsecond in order (one JVM). */
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "endpoint_id", nullable = false, length = 40, updatable = false)
  private String endpointId;

  @Column(name = "org_id", nullable = false, length = 40, updatable = false)
  private String orgId;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private LocalDateTime occurredAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 20, updatable = false)
  private Kind kind;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status", length = 20, updatable = false)
  private EndpointStatus fromStatus;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status", length = 20, updatable = false)
  private EndpointStatus toStatus;

  @Column(name = "message", nullable = false, length = 2000, updatable = false)
  private String message;

  protected EndpointEvent() {}

  private EndpointEvent(
      DedicatedEndpoint endpoint,
      Kind kind,
      EndpointStatus from,
      EndpointStatus to,
      String message,
      Instant now) {
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    this.id = String.format("ev%016x%08x", micros, SEQUENCE.incrementAndGet() & 0xffffffffL);
    this.endpointId = endpoint.id();
    this.orgId = endpoint.orgId();
    this.occurredAt = UtcTimes.toUtc(now);
    this.kind = kind;
    this.fromStatus = from;
    this.toStatus = to;
    this.message = message.length() > 2000 ? message.substring(0, 1997) + "..." : message;
  }

  public static EndpointEvent state(
      DedicatedEndpoint endpoint, EndpointStatus from, String message, Instant now) {
    return new EndpointEvent(endpoint, Kind.STATE, from, endpoint.status(), message, now);
  }

  public static EndpointEvent note(
      DedicatedEndpoint endpoint, Kind kind, String message, Instant now) {
    return new EndpointEvent(endpoint, kind, null, null, message, now);
  }

  public String id() {
    return id;
  }

  public String endpointId() {
    return endpointId;
  }

  public String orgId() {
    return orgId;
  }

  public Instant occurredAt() {
    return UtcTimes.toInstant(occurredAt);
  }

  public Kind kind() {
    return kind;
  }

  public EndpointStatus fromStatus() {
    return fromStatus;
  }

  public EndpointStatus toStatus() {
    return toStatus;
  }

  public String message() {
    return message;
  }
}

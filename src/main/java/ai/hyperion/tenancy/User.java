package ai.hyperion.tenancy;

import ai.hyperion.auth.Limits;
import ai.hyperion.auth.UserRole;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** A person: owns keys, and acts on the admin API with their role. */
@Entity
@Table(name = "app_users")
public class User extends TenancyEntity {

  @Column(name = "org_id", nullable = false, length = 40, updatable = false)
  private String orgId;

  @Column(name = "team_id", length = 40)
  private String teamId;

  @Column(name = "email", nullable = false, length = 320)
  private String email;

  @Column(name = "display_name", length = 200)
  private String displayName;

  @Enumerated(EnumType.STRING)
  @Column(name = "role", nullable = false, length = 20)
  private UserRole role;

  @Embedded private LimitSettings limits = new LimitSettings();

  protected User() {}

  public User(String orgId, String teamId, String email, UserRole role) {
    super("user");
    this.orgId = orgId;
    this.teamId = teamId;
    this.email = email;
    this.role = role;
  }

  static User withId(String id, String orgId, String teamId, String email, UserRole role) {
    User user = new User(orgId, teamId, email, role);
    user.assignId(id);
    return user;
  }

  public String orgId() {
    return orgId;
  }

  public String teamId() {
    return teamId;
  }

  public void teamId(String teamId) {
    this.teamId = teamId;
  }

  public String email() {
    return email;
  }

  public void email(String email) {
    this.email = email;
  }

  public String displayName() {
    return displayName;
  }

  public void displayName(String displayName) {
    this.displayName = displayName;
  }

  public UserRole role() {
    return role;
  }

  public void role(UserRole role) {
    this.role = role;
  }

  public Limits limits() {
    return limits == null ? Limits.NONE : limits.toLimits();
  }

  public void limits(Limits limits) {
    this.limits = LimitSettings.of(limits);
  }
}

package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in real headless Chromium against the running server: each test works in a
 * fresh organisation with one person per role, ends with a screenshot under {@code
 * target/ui-screenshots/}, and runs axe-core on the pages it visits.
 */
class AdminUiIT extends GatewayIT {

  private final AdminClient client = new AdminClient(baseUrl());
  private Browser browser;
  private String testName;
  private String org;
  private String alpha;
  private String beta;
  private String orgAdminKey;
  private String auditorKey;
  private String memberKey;
  private String betaKeyName;
  private String suffix;

  @BeforeAll
  static void chromium() {
    Browser.requireChromium();
  }

  @BeforeEach
  void freshOrgAndBrowser(TestInfo test) throws Exception {
    testName = test.getTestMethod().orElseThrow().getName();
    suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(client.post("/admin/api/orgs", KEY, obj("name", "ui-" + suffix))).text("/id");
    alpha = created(client.post(teams(), KEY, obj("name", "alpha"))).text("/id");
    beta = created(client.post(teams(), KEY, obj("name", "beta"))).text("/id");
    orgAdminKey = keyOf(user("owner-" + suffix, "ORG_ADMIN", null), "owner-key");
    auditorKey = keyOf(user("audit-" + suffix, "AUDITOR", null), "audit-key");
    memberKey = keyOf(user("dev-" + suffix, "MEMBER", alpha), "dev-key");
    betaKeyName = "beta-only-" + suffix;
    keyOf(user("other-" + suffix, "MEMBER", beta), betaKeyName);
    browser = new Browser(baseUrl());
  }

  @AfterEach
  void screenshotAndClose() throws Exception {
    if (browser != null) {
      try {
        browser.screenshot(testName);
      } finally {
        browser.close();
      }
    }
  }

  private String teams() {
    return "/admin/api/orgs/" + org + "/teams";
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private String user(String name, String role, String teamId) throws Exception {
    String body =
        teamId == null
            ? obj("email", name + "@it.test", "role", role)
            : obj("email", name + "@it.test", "role", role, "teamId", teamId);
    return created(client.post("/admin/api/orgs/" + org + "/users", KEY, body)).text("/id");
  }

  private String keyOf(String userId, String name) throws Exception {
    return created(
            client.post(
                "/admin/api/orgs/" + org + "/keys",
                KEY,
                obj("name", name, "userId", userId, "purposes", List.of("admin", "data-plane"))))
        .text("/key");
  }

  @Test
  void operatorCreatesTeamUserAndKeySeesTheSecretOnceAndRevokesIt() throws Exception {
    browser.signIn(orgAdminKey);
    browser.assertAccessible("overview");

    browser.open("teams", null);
    browser.button("Create team").click();
    browser.fill("Name", "payments");
    browser.fill("Requests per minute", "120");
    browser.dialogButton("Create team").click();
    browser.dialogClosed();
    assertTrue(browser.row("payments").getText().contains("120 req/min"));
    browser.assertAccessible("teams");

    browser.open("users", null);
    browser.button("Add user").click();
    browser.fill("E-mail", "not-an-email");
    browser.dialogButton("Add user").click();
    // The API's field error is shown at the field, in words, and the field is marked invalid.
    WebElement emailField = browser.field("E-mail");
    browser.wait.until(d -> "true".equals(emailField.getAttribute("aria-invalid")));
    assertTrue(browser.dialog().getText().contains("email: must be an e-mail address"));
    String email = "pay-dev-" + suffix + "@it.test";
    browser.fill("E-mail", email);
    new Select(browser.field("Team")).selectByVisibleText("payments");
    browser.dialogButton("Add user").click();
    browser.dialogClosed();
    assertTrue(browser.row(email).getText().contains("payments"));
    browser.assertAccessible("users");

    browser.open("keys", null);
    browser.button("Create key").click();
    browser.fill("Name", "checkout-service");
    new Select(browser.field("Owner")).selectByVisibleText(email);
    browser.fill("Allowed models", "gpt-4o-mini");
    browser.dialogButton("Create key").click();
    WebElement secretInput =
        browser.wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-secret]")));
    String secret = secretInput.getAttribute("value");
    assertTrue(secret.startsWith("hk-"), secret);
    assertTrue(browser.dialog().getText().contains("only time the full key is shown"));
    browser.dialogButton("Copy").click();
    browser.screenshot(testName + "-secret");
    browser.dialogButton("I have stored the key").click();
    browser.dialogClosed();
    WebElement row = browser.row("checkout-service");
    assertTrue(row.getText().contains(secret.substring(0, 11)), row.getText());
    assertFalse(browser.driver.getPageSource().contains(secret), "secret left in the page");
    assertEquals(200, client.models(secret).status());
    browser.assertAccessible("keys");

    // Escape cancels the confirmation: nothing is revoked.
    row.findElement(By.xpath(".//button[normalize-space()='Revoke']")).click();
    browser.dialog().sendKeys(Keys.ESCAPE);
    browser.dialogClosed();
    assertEquals(200, client.models(secret).status());

    browser
        .row("checkout-service")
        .findElement(By.xpath(".//button[normalize-space()='Revoke']"))
        .click();
    browser.dialogButton("Revoke key").click();
    browser.dialogClosed();
    browser.wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.xpath("//tbody/tr[contains(., 'checkout-service')]")));
    Answer refused = client.models(secret);
    assertEquals(401, refused.status(), refused.raw());
    assertEquals("revoked_api_key", refused.text("/error/code"));
  }

  @Test
  void memberSeesOnlyTheirOwnKeysNeverAnotherTeams() throws Exception {
    browser.signIn(memberKey);
    browser.open("keys", null);
    String page = browser.mainText();
    assertTrue(page.contains("dev-key"), page);
    assertFalse(page.contains(betaKeyName), page);
    // Asking the API for the other team's keys with the session still returns only their own.
    Object listed =
        browser.script(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/admin/api/orgs/"
                + org
                + "/keys?teamId="
                + beta
                + "').then(r => r.text()).then(done);");
    assertFalse(String.valueOf(listed).contains(betaKeyName), String.valueOf(listed));
    List<String> nav =
        browser.driver.findElements(By.cssSelector("nav.sidenav a")).stream()
            .map(WebElement::getText)
            .toList();
    assertFalse(nav.contains("Teams"), nav.toString());
    assertFalse(nav.contains("Organisations"), nav.toString());
    assertTrue(nav.contains("API keys"), nav.toString());
    browser.assertAccessible("member keys");
  }

  @Test
  void auditorReadsEverythingButSeesNoEditButtons() throws Exception {
    browser.signIn(auditorKey);
    for (String page :
        List.of(
            "orgs",
            "teams",
            "users",
            "keys",
            "budgets",
            "catalog",
            "settings",
            "endpoints",
            "mcp",
            "audit")) {
      browser.open(page, null);
      for (String action :
          List.of(
              "Create organisation",
              "Create team",
              "Add user",
              "Create key",
              "Create budget",
              "Provision endpoint",
              "Edit routing",
              "Edit cache",
              "Purge cache",
              "Scale",
              "Edit",
              "Rotate",
              "Revoke",
              "Allow a tool",
              "Set token",
              "Remove",
              "Delete")) {
        assertEquals(List.of(), browser.buttons(action), action + " shown on " + page);
      }
      browser.assertAccessible("auditor " + page);
    }
    browser.open("keys", null);
    assertTrue(browser.mainText().contains(betaKeyName), "auditors read every key of the org");

    // The audit trail records who created the org's teams, and the request log the org's calls.
    chatAs(memberKey, "gpt-4o-mini");
    browser.open("audit", null);
    browser.wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath(
                "//tbody/tr[td[3][contains(., 'create') and contains(., 'team')"
                    + " and contains(., '"
                    + beta
                    + "')] and td[6][contains(., 'name') and contains(., 'beta')]]")));
    browser.viewport(1280, 1000);
    browser.screenshot("audit");
    browser.viewport(1280, 800);
    browser.open("audit", "view=requests");
    browser.wait.until(d -> browser.mainText().contains("gpt-4o-mini"));
    browser.assertAccessible("auditor request log");
  }

  @Test
  void operatorCreatesABudgetAndSeesItsSpendAgainstTheAmount() throws Exception {
    browser.signIn(orgAdminKey);
    browser.open("budgets", null);
    browser.button("Create budget").click();
    browser.fill("Name", "team-alpha-monthly");
    browser.fill("Amount (US dollars)", "250");
    new Select(browser.field("Attached to")).selectByVisibleText("A team");
    browser.fill("Id of the team, user or key", alpha);
    browser.dialogButton("Create budget").click();
    browser.dialogClosed();
    WebElement row = browser.row("team-alpha-monthly");
    assertTrue(row.getText().contains("$250.00"), row.getText());
    assertTrue(row.getText().contains("attached to team " + alpha), row.getText());
    browser.wait.until(
        d -> !d.findElements(By.cssSelector("tr [role='meter'][aria-valuemax='250']")).isEmpty());
    assertTrue(row.getText().contains("left"), row.getText());
    browser.assertAccessible("budgets");
    browser.viewport(1280, 900);
    browser.screenshot("budgets");
    browser.viewport(1280, 800);

    browser.row("team-alpha-monthly").findElement(By.xpath(".//button[text()='Delete']")).click();
    browser.dialogButton("Delete budget").click();
    browser.dialogClosed();
    browser.wait.until(d -> !browser.mainText().contains("team-alpha-monthly"));
  }

  @Test
  void operatorSeesTheMcpServersAndAllowsAToolForATeam() throws Exception {
    browser.signIn(orgAdminKey);
    browser.open("mcp", null);
    // The catalog's MCP servers (gateway-it.yaml) with their transport and health.
    WebElement stdio = browser.row("fake-stdio");
    assertTrue(stdio.getText().contains("stdio"), stdio.getText());
    assertTrue(browser.row("fake-http").getText().contains("streamable-http"));
    browser.button("Allow a tool").click();
    new Select(browser.field("Level")).selectByVisibleText("team");
    browser.fill("Org, team or key id", alpha);
    new Select(browser.field("Server")).selectByVisibleText("fake-stdio");
    browser.fill("Tool", "echo");
    browser.dialogButton("Allow").click();
    browser.dialogClosed();
    WebElement grant = browser.row(alpha);
    assertTrue(grant.getText().contains("fake-stdio"), grant.getText());
    assertTrue(grant.getText().contains("echo"), grant.getText());
    browser.assertAccessible("mcp");

    grant.findElement(By.xpath(".//button[text()='Remove']")).click();
    browser.dialogButton("Remove").click();
    browser.dialogClosed();
    browser.wait.until(d -> !browser.mainText().contains(alpha));
  }

  @Test
  void signOutEndsTheSessionOnTheServer() throws Exception {
    browser.signIn(orgAdminKey);
    Cookie cookie = browser.driver.manage().getCookieNamed("hyperion_admin_session");
    assertNotNull(cookie);
    assertTrue(cookie.isHttpOnly());
    assertEquals("Strict", cookie.getSameSite());
    assertEquals("/admin", cookie.getPath());
    assertFalse(
        String.valueOf(browser.script("arguments[0](document.cookie)")).contains(cookie.getValue()),
        "the session cookie is readable by scripts");
    assertEquals(200, withCookie("/admin/api/features", cookie.getValue()).statusCode());

    browser.button("Sign out").click();
    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.name("key")));
    assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("signed out"));
    HttpResponse<String> after = withCookie("/admin/api/features", cookie.getValue());
    assertEquals(401, after.statusCode(), after.body());
    assertTrue(after.body().contains("session_expired"), after.body());
    browser.assertAccessible("sign-in");
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
    browser.signIn(orgAdminKey);
    String script =
        "const done = arguments[arguments.length - 1];"
            + "const send = (headers) => fetch('"
            + teams()
            + "', {method: 'POST', headers: Object.assign({'Content-Type': 'application/json'},"
            + " headers), body: JSON.stringify({name: arguments[0]})})"
            + ".then(async r => r.status + ' ' + await r.text());"
            + "fetch('/admin/api/session').then(r => r.json()).then(async s => done(["
            + "await send({}), await send({'X-CSRF-Token': 'forged'}),"
            + " await send({'X-CSRF-Token': s.csrfToken})]));";
    @SuppressWarnings("unchecked")
    List<String> answers = (List<String>) browser.script(script, "csrf-probe");
    assertTrue(answers.get(0).startsWith("403 ") && answers.get(0).contains("csrf_token_invalid"));
    assertTrue(answers.get(1).startsWith("403 "), answers.get(1));
    assertTrue(answers.get(2).startsWith("201 "), answers.get(2));
    Answer listed = client.get(teams() + "?q=csrf-probe", KEY);
    assertEquals(1, listed.path("/total").asInt(), "only the change with the token happened");
  }

  @Test
  void overviewShowsTrafficAndTheCatalogItsPrices() throws Exception {
    for (int i = 0; i < 3; i++) {
      chatAs(orgAdminKey, i == 0 ? "gpt-4o-mini" : "gpt-4o");
    }
    browser.timeZone("Asia/Tokyo");
    browser.signIn(orgAdminKey);
    browser.open("overview", null);
    browser.wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#traffic-title")));
    browser.wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart canvas")));
    String overview = browser.mainText();
    assertTrue(overview.contains("gpt-4o-mini"), overview);
    assertTrue(overview.contains("Asia/Tokyo"), overview);
    WebElement requests =
        browser.driver.findElement(
            By.xpath("//div[@class='tile'][div[@class='label']='Requests']/div[@class='value']"));
    assertEquals("3", requests.getText());
    browser.assertAccessible("overview");
    // The live chart samples the traffic while the page is open.
    chatAs(orgAdminKey, "gpt-4o");
    chatAs(orgAdminKey, "gpt-4o");
    browser.wait.until(
        d ->
            d.findElement(By.cssSelector(".panel p[aria-live]"))
                .getText()
                .matches(".*: [12] requests.*"));
    browser.viewport(1280, 1180);
    browser.screenshot("overview");
    browser.viewport(1280, 800);

    browser.open("catalog", null);
    WebElement model =
        browser.driver.findElement(
            By.xpath("//tbody/tr[td[1]/strong[normalize-space()='gpt-4o']]"));
    assertTrue(model.getText().contains("$2.50"), model.getText());
    assertTrue(model.getText().contains("$10.00"), model.getText());
    assertTrue(model.getText().contains("vision"), model.getText());
    browser.assertAccessible("catalog");
    browser.screenshot("catalog");

    browser.open("keys", null);
    browser.row("owner-key");
    browser.screenshot("keys");
  }

  @Test
  void narrowWindowKeepsEveryPageUsable() throws Exception {
    browser.viewport(390, 844);
    browser.signIn(orgAdminKey);
    for (String page : List.of("overview", "keys", "users")) {
      browser.open(page, null);
      Object overflow =
          browser.script(
              "arguments[0](document.documentElement.scrollWidth > window.innerWidth + 1)");
      assertEquals(false, overflow, page + " overflows a narrow window");
      assertTrue(browser.driver.findElement(By.cssSelector("nav.sidenav")).isDisplayed());
    }
    browser.assertAccessible("narrow users");
  }

  private void chatAs(String key, String model) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(chat(model, "overview " + model)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
  }

  private HttpResponse<String> withCookie(String path, String session) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Cookie", "hyperion_admin_session=" + session)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

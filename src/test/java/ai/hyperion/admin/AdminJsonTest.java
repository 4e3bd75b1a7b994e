package ai.hyperion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.hyperion.tenancy.Requests.KeyRequest;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminJsonTest {

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String failingField(String json, Class<?> type) {
    AdminApiException e =
        assertThrows(AdminApiException.class, () -> AdminJson.read(bytes(json), type));
    assertEquals(400, e.status());
    return e.param();
  }

  @Test
  void readsARequestWithNestedLimits() {
    KeyRequest request =
        AdminJson.read(
            bytes(
                "{\"name\":\"ci\",\"allowedModels\":[\"gpt-4o\"],\"limits\":{\"requestsPerMinute"
                    + "\":60}}"),
            KeyRequest.class);
    assertEquals("ci", request.name());
    assertEquals(Set.of("gpt-4o"), request.allowedModels());
    assertEquals(60, request.limits().requestsPerMinute());
    assertEquals(null, request.limits().tokensPerMinute());
  }

  @Test
  void aWronglyTypedFieldIsNamedWithItsPath() {
    assertEquals(
        "limits.requestsPerMinute",
        failingField("{\"limits\":{\"requestsPerMinute\":\"many\"}}", KeyRequest.class));
    assertEquals(
        "autoRoutingEnabled",
        failingField("{\"autoRoutingEnabled\":[1]}", OrganizationRequest.class));
    assertEquals("allowedModels", failingField("{\"allowedModels\":\"gpt-4o\"}", KeyRequest.class));
  }

  @Test
  void anUnknownFieldIsNamed() {
    assertEquals("nmae", failingField("{\"nmae\":\"typo\"}", KeyRequest.class));
  }

  @Test
  void brokenOrMissingBodiesAreAboutTheBody() {
    assertEquals("body", failingField("{\"name\":", KeyRequest.class));
    assertEquals("body", failingField("", KeyRequest.class));
    assertEquals("body", failingField("[1,2]", KeyRequest.class));
  }

  @Test
  void pagingParametersAreParsedWithFieldErrors() {
    assertEquals(new PageRequest(0, PageRequest.DEFAULT_LIMIT), PageRequest.parse(null, ""));
    assertEquals(new PageRequest(20, 10), PageRequest.parse("20", "10"));
    AdminApiException e = assertThrows(AdminApiException.class, () -> PageRequest.parse("x", "0"));
    assertEquals("offset", e.param());
  }
}

package bench.ceiling;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The platform's ceiling for the gateway: a JAX-RS resource on the same Liberty server that reads
 * the body and answers the fixed chat.completion, with no pipeline, no CDI and no upstream call.
 */
@Path("/v1/chat/completions")
public class CeilingResource {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] chat(byte[] body) {
    return CeilingAnswer.BODY;
  }
}

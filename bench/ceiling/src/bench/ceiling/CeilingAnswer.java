package bench.ceiling;

import java.nio.charset.StandardCharsets;

/** The fixed answer of both ceiling endpoints: the bench upstream's chat.completion. */
final class CeilingAnswer {

  static final byte[] BODY =
      ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1770933883,"
              + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
              + "\"assistant\",\"content\":\"Hello from the bench upstream.\"},"
              + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":16,"
              + "\"completion_tokens\":7,\"total_tokens\":23}}")
          .getBytes(StandardCharsets.UTF_8);

  private CeilingAnswer() {}
}

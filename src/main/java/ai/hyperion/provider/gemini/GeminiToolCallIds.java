package ai.hyperion.provider.gemini;

/**
 * Reads the tool-call ids older gateways minted for Gemini, which carried the call's thought
 * signature inside the id ({@code call_<24>__thought__<signature, base64url unpadded>}). Such ids
 * break OpenAI's 40-character and Bedrock's 64-character limits, so new ids are short ({@link
 * ai.hyperion.provider.ToolCallIds}) and signatures are kept server-side ({@link
 * ai.hyperion.provider.ResumeStates}); this only lets a conversation begun before the change go on.
 */
final class GeminiToolCallIds {

  static final String SIGNATURE_SEPARATOR = "__thought__";

  private GeminiToolCallIds() {}

  /** The thought signature carried by a legacy id, or null. */
  static String signature(String id) {
    if (id == null) {
      return null;
    }
    int at = id.indexOf(SIGNATURE_SEPARATOR);
    if (!id.startsWith("call_") || at < 0 || at + SIGNATURE_SEPARATOR.length() == id.length()) {
      return null;
    }
    String encoded = id.substring(at + SIGNATURE_SEPARATOR.length());
    int padding = (4 - encoded.length() % 4) % 4;
    return encoded + "=".repeat(padding);
  }
}

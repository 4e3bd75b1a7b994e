package ai.hyperion.routing;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolDefinition;
import ai.hyperion.routing.intent.TokenEstimate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The fingerprint of a request's stable prefix: the part a provider's prompt cache can reuse, so
 * requests sharing it should reach the same deployment and key.
 *
 * <p>The cut: the model, the tool definitions, then the messages in order, stopping
 *
 * <ul>
 *   <li>after the last message carrying a {@code cache_control} breakpoint, when there is one (the
 *       caller said where the cacheable part ends); otherwise
 *   <li>after the leading system/developer messages, if they reach {@code minTokens}; otherwise
 *   <li>at the first message where the prefix reaches {@code minTokens}, never including the final
 *       message (the new question).
 * </ul>
 *
 * Because earlier turns of a conversation do not change, the cut of a growing conversation stays
 * put once reached: every later turn has the same fingerprint. A prefix below {@code minTokens}
 * (providers cache from about 1,024 tokens) has none: such requests are balanced freely.
 */
public final class PrefixFingerprint {

  private PrefixFingerprint() {}

  public static Optional<String> of(ChatRequest request, String modelId, int minTokens) {
    List<ChatMessage> messages = request.messages();
    MessageDigest digest = sha256();
    update(digest, modelId);
    int tokens = 0;
    for (ToolDefinition tool : request.tools()) {
      String text =
          tool.name()
              + '\u0000'
              + tool.description()
              + '\u0000'
              + (tool.parameters() == null ? "" : tool.parameters().toString());
      update(digest, text);
      tokens += TokenEstimate.of(text);
    }
    int breakpoint = lastBreakpoint(messages);
    if (breakpoint >= 0) {
      for (int i = 0; i <= breakpoint; i++) {
        tokens += add(digest, messages.get(i));
      }
      return tokens >= minTokens ? Optional.of(hex(digest)) : Optional.empty();
    }
    int i = 0;
    while (i < messages.size() - 1 && isInstruction(messages.get(i))) {
      tokens += add(digest, messages.get(i++));
    }
    while (tokens < minTokens && i < messages.size() - 1) {
      tokens += add(digest, messages.get(i++));
    }
    return tokens >= minTokens && tokens > 0 ? Optional.of(hex(digest)) : Optional.empty();
  }

  private static boolean isInstruction(ChatMessage m) {
    return m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER;
  }

  private static int lastBreakpoint(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      List<ContentPart> content = messages.get(i).content();
      if (content != null) {
        for (ContentPart part : content) {
          if (part instanceof ContentPart.Text t && t.cacheControl() != null) {
            return i;
          }
        }
      }
    }
    return -1;
  }

  private static int add(MessageDigest digest, ChatMessage m) {
    update(digest, m.role().wireName());
    int tokens = 0;
    if (m.content() != null) {
      for (ContentPart part : m.content()) {
        String text =
            part instanceof ContentPart.Text t
                ? t.text()
                : part instanceof ContentPart.Image img ? img.url() : String.valueOf(part);
        update(digest, text);
        tokens += part instanceof ContentPart.Image ? 765 : TokenEstimate.of(text);
      }
    }
    for (var call : m.toolCalls()) {
      update(digest, String.valueOf(call));
    }
    return tokens + 4;
  }

  private static void update(MessageDigest digest, String text) {
    digest.update((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static String hex(MessageDigest digest) {
    byte[] hash = digest.digest();
    return HexFormat.of().formatHex(hash, 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

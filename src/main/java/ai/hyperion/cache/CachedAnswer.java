package ai.hyperion.cache;

import ai.hyperion.provider.ChatResponse;
import ai.hyperion.stream.AnswerCodec;

/**
 * One cached answer in the exact-tier map: the canonical response as compressed bytes ({@link
 * AnswerCodec}) with what the headers and the savings need. Near-cached as this object, so the
 * decoded response is kept with it: a warm hit neither deserialises nor decodes.
 */
public final class CachedAnswer {

  private final String orgId;
  private final String scopeTag;
  private final String model;
  private final String servedModel;
  private final long createdAtMillis;
  private final int ttlSeconds;
  private final long missCostMicroUsd;
  private final byte[] answer;

  /** Decoded on first use; a benign race (two threads may decode once each). */
  private volatile ChatResponse decoded;

  public CachedAnswer(
      String orgId,
      String scopeTag,
      String model,
      String servedModel,
      long createdAtMillis,
      int ttlSeconds,
      long missCostMicroUsd,
      byte[] answer) {
    this.orgId = orgId;
    this.scopeTag = scopeTag;
    this.model = model;
    this.servedModel = servedModel;
    this.createdAtMillis = createdAtMillis;
    this.ttlSeconds = ttlSeconds;
    this.missCostMicroUsd = missCostMicroUsd;
    this.answer = answer;
  }

  public String orgId() {
    return orgId;
  }

  public String scopeTag() {
    return scopeTag;
  }

  /** The catalog model the request resolved to (part of the key). */
  public String model() {
    return model;
  }

  /** The model that actually answered. */
  public String servedModel() {
    return servedModel;
  }

  public long createdAtMillis() {
    return createdAtMillis;
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  public long expiresAtMillis() {
    return createdAtMillis + ttlSeconds * 1000L;
  }

  /** What the upstream call that produced this answer cost, in millionths of a US dollar. */
  public long missCostMicroUsd() {
    return missCostMicroUsd;
  }

  byte[] answerBytes() {
    return answer;
  }

  public int sizeBytes() {
    return answer.length;
  }

  public ChatResponse response() {
    ChatResponse response = decoded;
    if (response == null) {
      response = AnswerCodec.decode(answer);
      decoded = response;
    }
    return response;
  }
}

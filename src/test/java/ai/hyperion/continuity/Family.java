package ai.hyperion.continuity;

/** The five provider families a conversation can move between. */
enum Family {
  OPENAI,
  ANTHROPIC,
  GEMINI,
  VERTEX,
  BEDROCK
}

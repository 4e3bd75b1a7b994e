/**
 * Anthropic Messages API both ways: {@link ai.hyperion.provider.anthropic.AnthropicProvider} calls
 * Claude (api.anthropic.com or Google Vertex AI), {@link
 * ai.hyperion.provider.anthropic.AnthropicIngressCodec} and {@link
 * ai.hyperion.provider.anthropic.AnthropicEventWriter} serve Anthropic-format clients on {@code
 * POST /v1/messages}.
 */
package ai.hyperion.provider.anthropic;

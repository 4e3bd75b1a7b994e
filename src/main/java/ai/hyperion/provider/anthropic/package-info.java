/**
 * Anthropic Messages API both ways: {@link ai.hyperion.provider.anthropic.AnthropicProvider} calls
 * Claude (api.anthropic.com or Google Vertex AI), {@link
 * ai.hyperion.api.anthropic.AnthropicResponseWriter} and {@link
 * ai.hyperion.api.anthropic.AnthropicEventWriter} serve Anthropic-format clients on {@code POST
 * /v1/messages}.
 */
package ai.hyperion.provider.anthropic;

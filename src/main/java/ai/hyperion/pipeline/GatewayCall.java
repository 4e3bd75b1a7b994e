package ai.hyperion.pipeline;

/** What every pipeline stage can read about a call, whatever its kind. */
public interface GatewayCall {

  Exchange exchange();

  RequestOptions options();

  /** The model name the caller asked for. */
  String requestedModel();
}

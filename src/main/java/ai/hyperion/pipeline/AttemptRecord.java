package ai.hyperion.pipeline;

/**
 * One upstream attempt of a request, for audit and metering: which provider and catalog model, the
 * status it ended with (200 when it served) and the error code otherwise.
 */
public record AttemptRecord(
    String provider, String model, RouteMode mode, int status, String errorCode, long nanos) {}

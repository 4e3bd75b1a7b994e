package ai.hyperion.stream;

/** What an organisation keeps ({@code mode}) and for how long ({@code retentionDays}). */
public record PersistencePolicy(PersistenceMode mode, int retentionDays) {}

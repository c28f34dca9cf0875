package io.alipass.camel.runner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** Collects {@code --replay}, {@code --replay-sub-code} and {@code --replay-older-than} from the command line. */
final class ReplayArguments {
    private static final String REPLAY = "--replay";
    private static final String SUB_CODE = "--replay-sub-code";
    private static final String OLDER_THAN = "--replay-older-than";

    private String path;
    private final Set<String> subCodes = new LinkedHashSet<>();
    private String olderThan;

    /** Whether the argument is one of ours ({@code --replay PATH} or {@code --replay=PATH}, and so on). */
    boolean accepts(String arg) {
        String name = arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
        return name.equals(REPLAY) || name.equals(SUB_CODE) || name.equals(OLDER_THAN);
    }

    void add(String arg, String value) {
        String name = arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
        switch (name) {
            case REPLAY -> path = value;
            case SUB_CODE -> {
                for (String code : value.split(",")) {
                    if (!code.isBlank()) {
                        subCodes.add(code.trim());
                    }
                }
            }
            case OLDER_THAN -> olderThan = value.trim();
            default -> throw new IllegalArgumentException(arg);
        }
    }

    /** The replay asked for, or null without {@code --replay}; a filter without {@code --replay} is an error. */
    ReplayRun.Request request() {
        if (path == null) {
            if (!subCodes.isEmpty() || olderThan != null) {
                throw new RunnerConfigurationException(subCodes.isEmpty() ? OLDER_THAN : SUB_CODE, "needs --replay PATH");
            }
            return null;
        }
        return new ReplayRun.Request(Path.of(path), Set.copyOf(subCodes),
                olderThan == null ? null : ReplayRun.Request.olderThan(olderThan, Instant.now()));
    }
}

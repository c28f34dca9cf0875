package io.alipass.camel.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what the drop folder's consumer will not read, so that nobody wonders where a file went:
 * hidden files (the usual sign of a file still being written), folders (the consumer is not
 * recursive), names ending in {@code .camelLock} (camel-file always ignores them), and anything
 * that is not a regular file (a named pipe, a socket). Each is logged once with its reason and
 * counted once through the {@link Listener}. Used as the file consumer's {@code pollStrategy}, so
 * it looks at the inbox before every poll, and called once more by the runner before a
 * {@code --once} run ends. Nothing is moved or deleted: the inbox is the user's.
 */
public final class DropFolderSurvey extends DefaultPollingConsumerPollStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(DropFolderSurvey.class);
    /** camel-file's own lock-file suffix; it never reads a file with this name. */
    public static final String CAMEL_LOCK_SUFFIX = ".camelLock";

    /** Told once about each entry the runner will not read. */
    @FunctionalInterface
    public interface Listener {
        /** @param hidden whether the name starts with a dot (not an error for a batch run: {@code .gitkeep}) */
        void skipped(String name, String reason, boolean hidden);
    }

    private final Path inbox;
    private final Listener listener;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public DropFolderSurvey(String inbox, Listener listener) {
        this.inbox = Path.of(inbox);
        this.listener = listener;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        survey();
        return true;
    }

    /** Looks at the inbox now; reports each entry that will not be read, once. */
    public void survey() {
        if (!Files.isDirectory(inbox)) {
            return;
        }
        try (Stream<Path> entries = Files.list(inbox)) {
            entries.forEach(this::consider);
        } catch (IOException e) {
            LOG.warn("cannot list the drop folder {}: {}", inbox, e.toString());
        }
    }

    /** Why an entry of the drop folder will not be read, or null when it will be. */
    static String reason(Path entry) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
            return "is hidden (its name starts with '.'); hidden files are left alone";
        }
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return "is a folder; only files directly in the drop folder are read";
        }
        if (name.endsWith(CAMEL_LOCK_SUFFIX)) {
            return "ends in " + CAMEL_LOCK_SUFFIX + ", which the file consumer never reads; rename it to have it read";
        }
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(entry)) {
            return "is not a regular file (a named pipe or socket?)";
        }
        return null;
    }

    private void consider(Path entry) {
        String reason = reason(entry);
        String name = entry.getFileName().toString();
        if (reason != null && reported.add(name)) {
            boolean hidden = name.startsWith(".");
            if (hidden) {
                LOG.info("drop folder: {} is not read: {}", name, reason);
            } else {
                LOG.warn("drop folder: {} is not read: {}", name, reason);
            }
            listener.skipped(name, reason, hidden);
        }
    }
}

package io.alipass.camel.route;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.security.PrivateKey;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line of the test JVM (all loggers, every level that is enabled, with each
 * exception's message and causes) while it is installed, so a test can check that no secret was
 * ever written to a log.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final Level rootLevelBefore;

    private LogCapture() {
        super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        start();
        LoggerConfig root = config.getRootLogger();
        rootLevelBefore = root.getLevel();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.addAppender(this, Level.ALL, null);
        }
        root.addAppender(this, Level.ALL, null);
        // Capture DEBUG too: a secret at a level switched off today is one configuration change from a log file.
        root.setLevel(Level.DEBUG);
        ctx.updateLoggers();
    }

    /** Starts capturing. */
    static LogCapture install() {
        return new LogCapture();
    }

    @Override
    public synchronized void append(LogEvent event) {
        StringBuilder sb = new StringBuilder(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t);
        }
        lines.add(sb.toString());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines holding any of the secrets, each shown with the secret's kind only. */
    synchronized List<String> linesHolding(Collection<String> secrets) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            for (String s : secrets) {
                if (s != null && !s.isEmpty() && line.contains(s)) {
                    found.add("a secret (" + s.length() + " chars) in: " + line.substring(0, Math.min(200, line.length())).replace(s, "<SECRET>"));
                }
            }
        }
        return found;
    }

    /** Pieces of a private key's Base64 as a PEM file or a log would hold them: each 64-character line and the first 40 characters. */
    static List<String> pieces(PrivateKey key) {
        String b64 = Base64.getEncoder().encodeToString(key.getEncoded());
        List<String> out = new ArrayList<>();
        out.add(b64.substring(0, 40));
        for (int i = 64; i + 64 <= b64.length(); i += 64) {
            out.add(b64.substring(i, i + 64));
        }
        return out;
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(getName());
        }
        config.getRootLogger().removeAppender(getName());
        config.getRootLogger().setLevel(rootLevelBefore);
        ctx.updateLoggers();
        stop();
    }
}

package io.alipass.camel.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop folder's file filter ({@code filter=#bean}): only regular files with names the file
 * component can handle are read. Anything else is moved, without being read, into the error folder
 * with a {@code .error.json} saying why, so it neither sits in the inbox for ever nor escapes it:
 * <ul>
 * <li>a symbolic link (it could point anywhere the runner can read; the link itself is moved, never its target);</li>
 * <li>a name with a backslash or {@code %} (camel-file turns {@code a\b} into the path {@code a/b} and never
 *     locks such a file), or a control character;</li>
 * <li>a name too long for the read lock's temporary name or the error document beside it (255 bytes).</li>
 * </ul>
 * Directories, linked or not, are left alone (the consumer is not recursive). Names starting with {@code .} never get
 * here: camel-file skips hidden files, the usual sign of a file still being written.
 */
public final class DropFolderGuard implements GenericFileFilter<File> {
    private static final Logger LOG = LoggerFactory.getLogger(DropFolderGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest suffix camel-file adds to a name: the rename read lock's {@code .camelExclusiveReadLock}. */
    private static final int LONGEST_SUFFIX = ".camelExclusiveReadLock".length();
    private final Path errorDir;

    public DropFolderGuard(String errorDir) {
        this.errorDir = Path.of(errorDir);
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = file.getFile().toPath(); // the file as listed; GenericFile's own path has '\' turned into '/'
        if (Files.isDirectory(path)) {
            return false; // linked or not: the consumer is not recursive and never enters one
        }
        String problem = problem(path);
        if (problem == null) {
            return true;
        }
        quarantine(path, problem);
        return false;
    }

    /** Why a dropped file is not read, or null when it may be. */
    static String problem(Path path) {
        String name = path.getFileName().toString();
        if (Files.isSymbolicLink(path)) {
            return "is a symbolic link; only regular files in the drop folder are read";
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "is not a regular file";
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('%') >= 0 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return "has a name with a backslash, '%' or a control character, which the file consumer cannot handle";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length + LONGEST_SUFFIX > 255) {
            return "has a name longer than " + (255 - LONGEST_SUFFIX) + " bytes";
        }
        return null;
    }

    private void quarantine(Path path, String problem) {
        String name = path.getFileName().toString();
        String safe = safeName(name);
        try {
            Files.createDirectories(errorDir);
            // Two unsafe names can clean to one safe name: never replace what is there (the move would fail at every poll).
            safe = FolderNames.free(errorDir, safe);
            Path target = errorDir.resolve(safe);
            Files.move(path, target, LinkOption.NOFOLLOW_LINKS);
            String doc = JSON.createObjectNode()
                    .put("file", name)
                    .put("moved_as", safe)
                    .put("failed_at", Instant.now().toString())
                    .put("records_handed_on", 0)
                    .put("reason", "file " + safe + " " + problem)
                    .toPrettyString();
            Files.writeString(errorDir.resolve(FileDropErrorWriter.errorDocumentName(safe)), doc + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            LOG.warn("dropped file {} not read and moved to {}: {}", safe, errorDir, problem);
        } catch (IOException e) {
            LOG.warn("dropped file {} is not read ({}) and could not be moved to {}: {}", safe, problem, errorDir, e.toString());
        }
    }

    /** The name with every character the file consumer mishandles replaced by '_', shortened with a hash when too long. */
    static String safeName(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(c -> sb.appendCodePoint(c == '\\' || c == '%' || c == '/' || c < 0x20 || c == 0x7F ? '_' : c));
        String s = sb.toString();
        if (s.getBytes(StandardCharsets.UTF_8).length + LONGEST_SUFFIX <= 255) {
            return s;
        }
        String hash = String.format("~%08x", name.hashCode());
        StringBuilder cut = new StringBuilder();
        int budget = 255 - LONGEST_SUFFIX - hash.length();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            budget -= new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (budget < 0) {
                break;
            }
            cut.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return cut + hash;
    }
}

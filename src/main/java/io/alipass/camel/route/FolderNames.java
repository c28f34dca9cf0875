package io.alipass.camel.route;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Names in the {@code done} and {@code error} folders that replace nothing: a file keeps its name
 * when neither it nor its {@code .error.json} document is taken, else it becomes
 * {@code name~2.ext}, {@code name~3.ext}, ... The runner moves one dropped file at a time, so the
 * check and the move do not race each other.
 */
public final class FolderNames {
    private FolderNames() {
    }

    /** A name for {@code name} in {@code dir} under which neither the file nor its error document exists yet. */
    public static String free(Path dir, String name) {
        if (isFree(dir, name)) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; ; n++) {
            String candidate = stem + "~" + n + ext;
            if (isFree(dir, candidate)) {
                return candidate;
            }
        }
    }

    private static boolean isFree(Path dir, String name) {
        return !Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(dir.resolve(FileDropErrorWriter.errorDocumentName(name)), LinkOption.NOFOLLOW_LINKS);
    }
}

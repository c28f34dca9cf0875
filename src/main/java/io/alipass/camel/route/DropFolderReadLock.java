package io.alipass.camel.route;

import java.io.File;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.strategy.FileChangedExclusiveReadLockStrategy;

/**
 * The drop folder's read lock ({@code exclusiveReadLockStrategy=#bean}): camel-file's
 * {@code changed} lock, set so that it never touches a user's file and never waits for ever.
 * <ul>
 * <li>A file is read once it is at least {@link #MIN_AGE_MILLIS} old (its size and modification
 *     time then no longer change while a batch job writes it); an older file is read at once.</li>
 * <li>A file whose modification time lies in the future can never be that old: it is read once its
 *     size and modification time stayed the same for one check interval instead (the stock lock
 *     would wait for it for ever, and {@code --once} with it).</li>
 * <li>No {@code <name>.camelLock} marker files are written, and none is deleted at start: camel-file
 *     would otherwise delete a user's file whose name ends in {@code .camelLock}. One runner per inbox.</li>
 * <li>An empty file is read too (and reported as holding no record): the stock minimum length of 1 would leave it in the inbox for ever.</li>
 * </ul>
 */
public final class DropFolderReadLock extends FileChangedExclusiveReadLockStrategy {
    /** How old a file must be before it is read. */
    public static final long MIN_AGE_MILLIS = 500;
    /** How often a file that is not yet old enough, or whose time is in the future, is looked at again. */
    public static final long CHECK_INTERVAL_MILLIS = 500;
    private final FileChangedExclusiveReadLockStrategy futureDated = new FileChangedExclusiveReadLockStrategy();

    public DropFolderReadLock() {
        for (FileChangedExclusiveReadLockStrategy s : new FileChangedExclusiveReadLockStrategy[] {this, futureDated}) {
            s.setCheckInterval(CHECK_INTERVAL_MILLIS);
            s.setTimeout(10_000);
            s.setMinLength(0);
            s.setMarkerFiler(false);
            s.setDeleteOrphanLockFiles(false);
        }
        setMinAge(MIN_AGE_MILLIS);
        futureDated.setMinAge(0); // stable for one interval is enough
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange)
            throws Exception {
        if (file.getFile().lastModified() > System.currentTimeMillis()) {
            return futureDated.acquireExclusiveReadLock(operations, file, exchange);
        }
        return super.acquireExclusiveReadLock(operations, file, exchange);
    }
}

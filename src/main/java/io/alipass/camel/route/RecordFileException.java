package io.alipass.camel.route;

import io.alipass.camel.gateway.GatewayException;

/**
 * A dropped file could not be read to its end as update records; it goes to the error folder with
 * this reason. Carries how many records were handed on before, and where reading stopped, so that
 * the error document accounts for the whole file.
 */
public class RecordFileException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final String fileName;
    private final long recordsHandedOn;
    private final long stoppedAtRecord;
    private final long stoppedAtOffset;

    /** A file refused before any record was read (its name, its kind). */
    public RecordFileException(String fileName, String problem) {
        this(fileName, problem, 0, -1, -1);
    }

    /**
     * @param recordsHandedOn records read and handed on (each has its own outcome)
     * @param stoppedAtRecord the number the first unread record would have had, or -1
     * @param stoppedAtOffset the character offset where the unread rest of the file begins, or -1
     */
    public RecordFileException(String fileName, String problem, long recordsHandedOn, long stoppedAtRecord, long stoppedAtOffset) {
        super("file " + fileName + " " + problem);
        this.fileName = fileName;
        this.recordsHandedOn = recordsHandedOn;
        this.stoppedAtRecord = stoppedAtRecord;
        this.stoppedAtOffset = stoppedAtOffset;
    }

    public String fileName() {
        return fileName;
    }

    /** Records read and handed on before reading stopped. */
    public long recordsHandedOn() {
        return recordsHandedOn;
    }

    /** The record number where reading stopped, or -1 when the file was refused as a whole. */
    public long stoppedAtRecord() {
        return stoppedAtRecord;
    }

    /** The character offset of the unread rest, or -1 when the file was refused as a whole. */
    public long stoppedAtOffset() {
        return stoppedAtOffset;
    }
}

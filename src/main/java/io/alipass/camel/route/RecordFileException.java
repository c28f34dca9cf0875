package io.alipass.camel.route;

import io.alipass.camel.gateway.GatewayException;

/** A dropped file cannot be read as update records at all; it goes to the error folder with this reason. */
public class RecordFileException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final String fileName;

    public RecordFileException(String fileName, String problem) {
        super("file " + fileName + " " + problem);
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}

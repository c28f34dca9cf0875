package io.alipass.camel.pass;

import io.alipass.camel.gateway.InvalidRequestException;
import java.util.List;

/** A pass update breaks one or more rules of its API; it is never signed or sent. */
public class InvalidPassUpdateException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    public InvalidPassUpdateException(List<Violation> violations) {
        super(violations);
    }
}

package vn.vanthu.workflow;

import java.util.List;

/** A route that may not be deployed or bound, with every reason found: 400 {"errors":[{"element","message"}]}. */
public class RouteRefusedException extends RuntimeException {

    private final transient List<RouteError> errors;

    public RouteRefusedException(List<RouteError> errors) {
        super("Quy trình không hợp lệ: "
                + String.join("; ", errors.stream().map(RouteError::message).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<RouteError> errors() {
        return errors;
    }
}

package vn.vanthu.workflow;

/**
 * One reason a route is refused: the BPMN element it is about (its id), or {@code "file"} for the
 * file as a whole; the message in Vietnamese.
 */
public record RouteError(String element, String message) {

    /** The element of errors about the whole file. */
    public static final String FILE = "file";

    static RouteError file(String message) {
        return new RouteError(FILE, message);
    }
}

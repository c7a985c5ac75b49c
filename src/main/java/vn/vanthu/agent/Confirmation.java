package vn.vanthu.agent;

/** Asks the person at the computer whether a page may pair with the agent (console, or a test's answer). */
@FunctionalInterface
interface Confirmation {

    /** {@code true} when the person agreed that {@code origin} may use the token; {@code code} is shown to compare. */
    boolean confirm(String origin, String code);
}

package vn.vanthu.agent;

/**
 * Asks the person at the computer for the token's PIN, in the agent (console, or a test's answer):
 * the page never sees it. The caller clears the array after use.
 */
@FunctionalInterface
interface PinPrompt {

    /** The PIN typed after {@code prompt}; {@code null} or empty when the person cancelled. */
    char[] ask(String prompt);
}

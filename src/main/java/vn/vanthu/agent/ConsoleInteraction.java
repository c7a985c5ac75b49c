package vn.vanthu.agent;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The agent's console: the pairing question and the PIN. The PIN is read without echo through
 * {@link Console#readPassword} when there is a console; without one (input redirected) it is read
 * as a line, and the agent says so. The agent asks one question at a time (SigningAgent's lock).
 */
final class ConsoleInteraction implements Confirmation, PinPrompt {

    private final Console console = System.console();
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final PrintStream out = System.out;

    @Override
    public boolean confirm(String origin, String code) {
        String answer = line(
                "Trang " + origin + " xin dùng thiết bị ký số của đồng chí. Mã ghép nối: " + code + ". Đồng ý? (c/k) ");
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("c") || a.equals("có") || a.equals("co") || a.equals("y") || a.equals("yes");
    }

    @Override
    public char[] ask(String prompt) {
        if (console != null) {
            return console.readPassword("%s", prompt);
        }
        out.println("(Không có cửa sổ dòng lệnh: mã PIN sẽ hiện khi gõ.)");
        String pin = line(prompt);
        return pin == null ? null : pin.strip().toCharArray();
    }

    private String line(String prompt) {
        if (console != null) {
            return console.readLine("%s", prompt);
        }
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

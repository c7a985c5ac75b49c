package vn.vanthu.agent;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The agent's command-line options.
 *
 * @param port     on 127.0.0.1; 0 for any free port (tests)
 * @param library  the token's PKCS#11 library
 * @param slot     slot list index; {@code null}: the first slot with a token
 * @param origin   the one Văn thư origin answered, {@code scheme://host[:port]}
 * @param pairings where granted pairing tokens are kept (hashed)
 */
record AgentOptions(int port, String library, Integer slot, String origin, Path pairings) {

    public static final int DEFAULT_PORT = 8765;

    static final String USAGE = "java -cp … vn.vanthu.agent.SigningAgent --pkcs11 LIB --origin https://vanthu.example"
            + " [--slot N] [--port 8765] [--pairings FILE]";

    public AgentOptions {
        if (library == null || library.isBlank()) {
            throw new IllegalArgumentException("--pkcs11 LIB is required");
        }
        origin = origin(origin);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535");
        }
        if (slot != null && slot < 0) {
            throw new IllegalArgumentException("--slot must be 0 or more");
        }
        if (pairings == null) {
            pairings = Path.of(System.getProperty("user.home"), ".vanthu-agent", "pairings");
        }
    }

    public static AgentOptions parse(String... args) {
        int port = DEFAULT_PORT;
        String library = null;
        Integer slot = null;
        String origin = null;
        Path pairings = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--pkcs11" -> library = value;
                    case "--slot" -> slot = Integer.valueOf(value);
                    case "--origin" -> origin = value;
                    case "--pairings" -> pairings = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not " + value);
            }
        }
        return new AgentOptions(port, library, slot, origin, pairings);
    }

    /**
     * The origin as a browser sends it ({@code scheme://host[:port]}, lower case, no path, no default
     * port): the agent compares the Origin header with it exactly.
     */
    static String origin(String origin) {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("--origin https://vanthu.example is required");
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--origin is not a URL: " + origin);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("https".equals(scheme) || "http".equals(scheme))
                || uri.getHost() == null
                || (uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--origin must be scheme://host[:port], not " + origin);
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}

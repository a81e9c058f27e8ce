package hardy.cli;

import hardy.pacs.DicomWebClient;
import hardy.pacs.PacsAuth;
import hardy.pacs.PacsServer;
import hardy.pacs.PacsServerStore;
import hardy.pacs.PacsTls;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hardy pacs servers}: the DICOMweb servers in the user's server list (the file the desktop's Edit > PACS
 * servers edits). A password or token is never an argument, which {@code ps} would show: it comes from an
 * environment variable named on the command line, or from the first line of standard input.
 */
@Command(name = "servers", mixinStandardHelpOptions = true,
        description = "List, add, remove and test the DICOMweb servers Hardy knows (kept in a file only you can "
                + "read).",
        subcommands = {PacsServersCommand.ListServers.class, PacsServersCommand.Add.class,
            PacsServersCommand.Remove.class, PacsServersCommand.Test.class})
final class PacsServersCommand implements Runnable {

    /** Standard input for {@code --secret-stdin}; tests replace it. */
    static InputStream stdin = System.in;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the servers (never their secrets).")
    static final class ListServers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PacsServerStore store = PacsServerStore.installed();
            PrintWriter out = spec.commandLine().getOut();
            List<PacsServer> servers = store.list();
            if (servers.isEmpty()) {
                out.println("No PACS server configured. Add one with 'hardy pacs servers add NAME URL'.");
            } else {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"NAME", "URL", "AUTH", "CERTIFICATE"});
                for (PacsServer s : servers) {
                    String auth = switch (s.auth()) {
                        case PacsAuth.Basic b -> "basic (" + b.user() + ")";
                        case PacsAuth.Bearer t -> "bearer token";
                        case PacsAuth.None n -> "none";
                    };
                    rows.add(new String[] {s.name(), s.baseUrl().toString(), auth,
                        s.certificatePem() == null ? "system" : "system + imported"});
                }
                PacsCommand.table(out, rows);
            }
            out.println("Stored in " + store.file() + " (readable by you only)");
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a server, or replace the one of the same name.",
                "Basic authentication needs --user and a password; bearer authentication a token. Give the secret "
                    + "with --secret-env VAR (the name of an environment variable holding it) or --secret-stdin "
                    + "(the first line of standard input), never on the command line."})
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "A name for the server.")
        String name;

        @Parameters(index = "1", paramLabel = "URL",
                description = "The DICOMweb base URL (before /studies), e.g. https://pacs.example.org/dicom-web")
        String url;

        @Option(names = "--auth", paramLabel = "none|basic|bearer", defaultValue = "none",
                description = "Authentication (default ${DEFAULT-VALUE}).")
        String auth;

        @Option(names = "--user", paramLabel = "USER", description = "User name for basic authentication.")
        String user;

        @Option(names = "--secret-env", paramLabel = "VAR",
                description = "Read the password or token from this environment variable.")
        String secretEnv;

        @Option(names = "--secret-stdin", description = "Read the password or token from standard input.")
        boolean secretStdin;

        @Option(names = "--certificate", paramLabel = "PEM_FILE",
                description = "Also trust this certificate (PEM) for this server: its own self-signed one, or its "
                        + "CA's. TLS is always verified.")
        Path certificate;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PacsAuth a = switch (auth.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "none" -> {
                    if (user != null || secretEnv != null || secretStdin) {
                        throw new IllegalArgumentException("--auth none takes no user or secret");
                    }
                    yield PacsAuth.NONE;
                }
                case "basic" -> {
                    if (user == null) {
                        throw new IllegalArgumentException("--auth basic needs --user");
                    }
                    yield new PacsAuth.Basic(user, secret());
                }
                case "bearer" -> new PacsAuth.Bearer(secret());
                default -> throw new IllegalArgumentException("--auth " + auth + ": use none, basic or bearer");
            };
            String pem = null;
            if (certificate != null) {
                pem = Files.readString(certificate, StandardCharsets.US_ASCII);
                PacsTls.parse(pem);
            }
            PacsServer server = new PacsServer(name, PacsServer.parseUrl(url), a, pem);
            PacsServerStore store = PacsServerStore.installed();
            store.put(server);
            spec.commandLine().getOut().println("Saved PACS '" + server.name() + "' in " + store.file()
                    + " (readable by you only). Check it with 'hardy pacs servers test " + server.name() + "'.");
            return 0;
        }

        private String secret() throws java.io.IOException {
            if ((secretEnv != null) == secretStdin) {
                throw new IllegalArgumentException("give the password or token with either --secret-env VAR or "
                        + "--secret-stdin");
            }
            String s;
            if (secretEnv != null) {
                s = System.getenv(secretEnv);
                if (s == null || s.isEmpty()) {
                    throw new IllegalArgumentException("--secret-env " + secretEnv + ": that environment variable is "
                            + "not set");
                }
            } else {
                s = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                if (s == null || s.isEmpty()) {
                    throw new IllegalArgumentException("--secret-stdin: standard input holds no line");
                }
            }
            return s;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a server.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!PacsServerStore.installed().remove(name)) {
                throw new IllegalArgumentException("no PACS server named '" + name + "'");
            }
            spec.commandLine().getOut().println("Removed PACS '" + name + "'.");
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Check that a server answers DICOMweb queries with its settings (one study search).")
    static final class Test implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (DicomWebClient c = new DicomWebClient(PacsServerStore.installed().get(name))) {
                spec.commandLine().getOut().println(c.check());
            }
            return 0;
        }
    }
}

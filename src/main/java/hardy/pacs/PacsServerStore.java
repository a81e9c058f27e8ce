package hardy.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.AppDirs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's DICOMweb servers, kept in one JSON file ({@value #FILE_NAME} in Hardy's per-user data folder, beside
 * the recent-files list). The file holds passwords and tokens, so it is created readable and writable by its owner
 * only (POSIX mode 600, set when the file is created, before any secret is written), written to a temporary file
 * and moved into place in one step, and nothing else ever holds the secrets. On file systems without POSIX
 * permissions (Windows) it relies on the per-user folder's own access rights.
 */
public final class PacsServerStore {

    /** The settings file's name. */
    public static final String FILE_NAME = "pacs-servers.json";
    private static final String SCHEMA = "hardy-pacs-servers/1";
    private static final Logger LOG = LoggerFactory.getLogger(PacsServerStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /** A store kept in {@code file}. */
    public PacsServerStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The store in the user's data folder. */
    public static PacsServerStore installed() {
        return new PacsServerStore(AppDirs.dataHome().resolve(FILE_NAME));
    }

    /** Where the servers are kept (shown to the user). */
    public Path file() {
        return file;
    }

    /**
     * The configured servers, in the order they were added; none when the file does not exist yet.
     *
     * @throws IOException if the file cannot be read or is not a server list (the message names the file)
     */
    public synchronized List<PacsServer> list() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        tightenPermissions();
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Not Jackson's message: it quotes the file's text, which holds secrets.
            throw new IOException(file + ": not a readable server list (invalid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        if (root == null || !SCHEMA.equals(root.path("schema").asText()) || !root.path("servers").isArray()) {
            throw new IOException(file + ": not a Hardy server list (schema " + SCHEMA + ")");
        }
        List<PacsServer> out = new ArrayList<>();
        for (JsonNode n : root.get("servers")) {
            try {
                out.add(fromJson(n));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": server '" + n.path("name").asText() + "': " + e.getMessage());
            }
        }
        return out;
    }

    /** The server called {@code name} (case-insensitive). */
    public Optional<PacsServer> find(String name) throws IOException {
        return list().stream().filter(s -> s.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /**
     * The server called {@code name}.
     *
     * @throws IllegalArgumentException naming the configured servers when there is none of that name
     */
    public PacsServer get(String name) throws IOException {
        List<PacsServer> all = list();
        return all.stream().filter(s -> s.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no PACS server named '" + name + "'" + (all.isEmpty()
                        ? "; none is configured (" + file + ")"
                        : "; configured: " + String.join(", ", all.stream().map(PacsServer::name).toList()))));
    }

    /** Adds a server, or replaces the one of the same name (case-insensitive); keeps the order otherwise. */
    public synchronized void put(PacsServer server) throws IOException {
        List<PacsServer> all = new ArrayList<>(list());
        int i = indexOf(all, server.name());
        if (i >= 0) {
            all.set(i, server);
        } else {
            all.add(server);
        }
        save(all);
    }

    /** Removes the server of that name; false if there was none. */
    public synchronized boolean remove(String name) throws IOException {
        List<PacsServer> all = new ArrayList<>(list());
        int i = indexOf(all, name);
        if (i < 0) {
            return false;
        }
        all.remove(i);
        save(all);
        return true;
    }

    private static int indexOf(List<PacsServer> all, String name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        return -1;
    }

    private void save(List<PacsServer> servers) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        ArrayNode list = root.putArray("servers");
        for (PacsServer s : servers) {
            list.add(toJson(s));
        }
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        writePrivately(bytes);
        LOG.info("Saved {} PACS server(s) to the server list", servers.size());
    }

    /** Writes through a temporary file created owner-only before the first byte, then moves it over the file. */
    private void writePrivately(byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()
                & Long.MAX_VALUE) + ".part");
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        boolean moved = false;
        try {
            Files.createFile(temp, attrs);
            if (posix) {
                // The umask cannot widen the mode given at creation, but say it once more before the secrets go in.
                Files.setPosixFilePermissions(temp, OWNER_ONLY);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                out.write(bytes);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A server list someone made readable by others is made private again (and the log says so). */
    private void tightenPermissions() {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                LOG.warn("The PACS server list was readable by others; its mode is now 600");
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Could not check the permissions of the PACS server list", e);
        }
    }

    private static ObjectNode toJson(PacsServer s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", s.name());
        n.put("url", s.baseUrl().toString());
        n.put("auth", s.auth().kind().name().toLowerCase(Locale.ROOT));
        switch (s.auth()) {
            case PacsAuth.Basic b -> {
                n.put("user", b.user());
                n.put("password", b.password());
            }
            case PacsAuth.Bearer t -> n.put("token", t.token());
            case PacsAuth.None none -> { }
        }
        if (s.certificatePem() != null) {
            n.put("certificatePem", s.certificatePem());
        }
        return n;
    }

    private static PacsServer fromJson(JsonNode n) {
        PacsAuth auth = switch (n.path("auth").asText("none")) {
            case "none" -> PacsAuth.NONE;
            case "basic" -> new PacsAuth.Basic(n.path("user").asText(), n.path("password").asText());
            case "bearer" -> new PacsAuth.Bearer(n.path("token").asText());
            default -> throw new IllegalArgumentException("unknown authentication '" + n.path("auth").asText()
                    + "' (none, basic or bearer)");
        };
        String pem = n.hasNonNull("certificatePem") ? n.get("certificatePem").asText() : null;
        return new PacsServer(n.path("name").asText(), PacsServer.parseUrl(n.path("url").asText()), auth, pem);
    }
}

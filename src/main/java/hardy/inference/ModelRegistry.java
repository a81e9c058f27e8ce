package hardy.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.AppDirs;
import hardy.core.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where models live: the shipped, read-only folder ({@code assets/models} of the installation) and the user's
 * model folder ({@code <AppDirs.dataHome()>/models}, for imported and fine-tuned models). Each model is a
 * sub-folder holding {@code model.onnx} and {@code model.json}.
 *
 * @param shipped the shipped models' folder (may not exist)
 * @param user    the user's models' folder (may not exist yet)
 */
public record ModelRegistry(Path shipped, Path user) {

    /** Where a model was found. */
    public enum Source { SHIPPED, USER }

    /**
     * One listed model: a card that parsed, or the reason it did not.
     *
     * @param dir    the model folder
     * @param source shipped or user
     * @param card   the card, null when it could not be read
     * @param error  why the card could not be read, else null
     */
    public record Entry(Path dir, Source source, ModelCard card, String error) {
    }

    /**
     * The registry of this installation: {@code hardy.models.dir} if set, else {@code assets/models} under the
     * working directory (a source checkout) or beside the application jar; and the user's folder.
     */
    public static ModelRegistry installed() {
        String override = System.getProperty("hardy.models.dir");
        Path shipped = override != null ? Path.of(override) : defaultShipped();
        return new ModelRegistry(shipped, AppDirs.dataHome().resolve("models"));
    }

    private static Path defaultShipped() {
        Path cwd = Path.of("assets", "models");
        if (Files.isDirectory(cwd)) {
            return cwd;
        }
        try {
            Path jar = Path.of(ModelRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path base = jar.getParent() != null ? jar.getParent() : jar;
            // jpackage images keep the jar in app/; a Maven build keeps it in target/.
            return base.resolveSibling("assets").resolve("models");
        } catch (Exception e) {
            return cwd;
        }
    }

    /**
     * Installs a copy of a model folder in the user's folder as {@code user/NAME}: the graph as it is, the card with
     * {@code name} and (if given) {@code description} replaced. The copy is assembled in a hidden sibling, checked
     * with {@link SegmentationModel#load} (hash, card, graph), made readable by all, and moved into place in one step,
     * so the folder is complete or absent.
     *
     * @return the installed folder
     * @throws IOException if a model of that name is installed already, or the source is not a valid model
     */
    public Path install(Path source, String name, String description) throws IOException {
        SegmentationModel.load(source);
        Path target = user.resolve(name);
        if (Files.exists(target)) {
            throw new IOException("a model named " + name + " already exists in " + user + "; choose another name");
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode card = (ObjectNode) json.readTree(source.resolve(SegmentationModel.CARD_FILE).toFile());
        card.put("name", name);
        if (description != null && !description.isBlank()) {
            card.put("description", description.strip());
        }
        Files.createDirectories(user);
        Path staging = Files.createTempDirectory(user, "." + name + ".install-");
        try {
            Files.copy(source.resolve(SegmentationModel.ONNX_FILE), staging.resolve(SegmentationModel.ONNX_FILE));
            Files.write(staging.resolve(SegmentationModel.CARD_FILE), json.writeValueAsBytes(card));
            SegmentationModel.load(staging);
            FileTrees.readableByAll(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            FileTrees.deleteTree(staging);
        }
    }

    /** All model folders with their cards (shipped first, then the user's), by name; never throws for a bad card. */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        scan(shipped, Source.SHIPPED, out);
        scan(user, Source.USER, out);
        return out;
    }

    private static void scan(Path root, Source source, List<Entry> out) throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(p -> Files.isRegularFile(p.resolve(SegmentationModel.CARD_FILE))
                    || Files.isRegularFile(p.resolve(SegmentationModel.ONNX_FILE)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        for (Path d : dirs) {
            try {
                out.add(new Entry(d, source, SegmentationModel.readCard(d), null));
            } catch (IllegalArgumentException e) {
                out.add(new Entry(d, source, null, e.getMessage()));
            }
        }
    }

    /**
     * Finds a model by folder path or by card name (the user's folder wins over a shipped model of the same name,
     * so a fine-tuned copy can shadow the default); {@code null} picks the only model, or the one named
     * {@code fetal-brain}.
     *
     * @throws ModelNotFoundException if nothing matches, with the names that exist
     */
    public Path resolve(String nameOrDir) throws IOException {
        if (nameOrDir != null) {
            Path p = Path.of(nameOrDir);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        List<Entry> all = list();
        String wanted = nameOrDir == null ? "fetal-brain" : nameOrDir;
        Entry hit = null;
        for (Entry e : all) {
            if (e.card() != null && e.card().name().equals(wanted)) {
                hit = e;
            }
        }
        if (hit == null && nameOrDir != null) {
            for (Entry e : all) {
                if (e.dir().getFileName().toString().equals(wanted)) {
                    hit = e;
                }
            }
        }
        if (hit == null && nameOrDir == null && all.size() == 1) {
            hit = all.getFirst();
        }
        if (hit == null) {
            List<String> names = all.stream().map(e -> e.card() != null ? e.card().name()
                    : e.dir().getFileName().toString()).toList();
            String where = names.isEmpty() ? "no models are installed (looked in " + shipped + " and " + user + ")"
                    : "available: " + String.join(", ", names);
            throw new ModelNotFoundException((nameOrDir == null ? "no default model" : "no model '" + nameOrDir
                    + "'") + "; " + where, names);
        }
        return hit.dir();
    }
}

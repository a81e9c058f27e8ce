package hardy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import hardy.core.Cancellation;
import hardy.pacs.DicomWebClient;
import hardy.pacs.PacsServer;
import hardy.pacs.PacsServerStore;
import hardy.pacs.SeriesCache;
import hardy.pacs.SeriesHit;
import hardy.pacs.StoreResult;
import hardy.pacs.StudyHit;
import hardy.pacs.StudyQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hardy pacs}: find, list, retrieve and store DICOM on a DICOMweb server, and configure the servers. */
@Command(name = "pacs", mixinStandardHelpOptions = true,
        description = "Find, retrieve and store DICOM on a DICOMweb server (PACS); configure servers with "
                + "'hardy pacs servers'.",
        subcommands = {PacsCommand.Find.class, PacsCommand.Series.class, PacsCommand.Get.class,
            PacsCommand.Store.class, PacsServersCommand.class})
final class PacsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The named server of the user's server list. */
    static PacsServer server(String name) throws IOException {
        return PacsServerStore.installed().get(name);
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Command(name = "find", mixinStandardHelpOptions = true,
            description = "Search studies (QIDO-RS). Prints study UID, date, patient, modalities, series, images.")
    static final class Find implements Callable<Integer> {

        @Option(names = "--server", required = true, paramLabel = "NAME", description = "A configured server.")
        String server;

        @Option(names = "--patient", paramLabel = "NAME",
                description = "Patient name, or its start (DOE finds DOE^JANE); * and ? are wildcards.")
        String patient;

        @Option(names = "--patient-id", paramLabel = "ID", description = "Exact patient ID.")
        String patientId;

        @Option(names = "--from", paramLabel = "DATE", description = "First study date (YYYY-MM-DD or YYYYMMDD).")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last study date (YYYY-MM-DD or YYYYMMDD).")
        String to;

        @Option(names = "--modality", paramLabel = "MOD", description = "A modality in the study, e.g. MR.")
        String modality;

        @Option(names = "--accession", paramLabel = "NUMBER", description = "Exact accession number.")
        String accession;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "200",
                description = "At most N studies (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print JSON (schema hardy-pacs-studies/1).")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            StudyQuery q = new StudyQuery(patient, patientId, date("--from", from), date("--to", to), modality,
                    accession, limit);
            List<StudyHit> hits;
            try (DicomWebClient c = new DicomWebClient(server(server))) {
                hits = c.findStudies(q);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("schema", "hardy-pacs-studies/1");
                root.put("server", server);
                root.put("studies", hits);
                out.println(json().writeValueAsString(root));
            } else if (hits.isEmpty()) {
                out.println("No study matches.");
            } else {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"STUDY UID", "DATE", "PATIENT", "PATIENT ID", "ACCESSION", "MODALITIES",
                    "SERIES", "IMAGES", "DESCRIPTION"});
                for (StudyHit h : hits) {
                    rows.add(new String[] {h.studyUid(), h.date(), h.patientName(), h.patientId(), h.accession(),
                        h.modalities().replace('\\', ','), count(h.series()), count(h.instances()),
                        h.description()});
                }
                table(out, rows);
            }
            if (hits.size() == limit) {
                spec.commandLine().getErr().println("hardy: warning: only the first " + limit
                        + " studies are listed; narrow the search or raise --limit");
            }
            return 0;
        }
    }

    @Command(name = "series", mixinStandardHelpOptions = true,
            description = "List the series of a study (QIDO-RS): series UID, number, modality, images, description.")
    static final class Series implements Callable<Integer> {

        @Option(names = "--server", required = true, paramLabel = "NAME", description = "A configured server.")
        String server;

        @Parameters(index = "0", paramLabel = "STUDY_UID")
        String study;

        @Option(names = "--json", description = "Print JSON (schema hardy-pacs-series/1).")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<SeriesHit> hits;
            try (DicomWebClient c = new DicomWebClient(server(server))) {
                hits = c.listSeries(study);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("schema", "hardy-pacs-series/1");
                root.put("server", server);
                root.put("studyInstanceUid", study);
                root.put("series", hits);
                out.println(json().writeValueAsString(root));
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SERIES UID", "NUMBER", "MODALITY", "IMAGES", "DESCRIPTION"});
            for (SeriesHit h : hits) {
                rows.add(new String[] {h.seriesUid(), count(h.number()), h.modality(), count(h.instances()),
                    h.description()});
            }
            table(out, rows);
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Retrieve one series (WADO-RS) and print the folder it is in.",
                "Without -o it goes to Hardy's PACS cache (kept up to 4 GiB, least recently used first out); with -o "
                    + "into DIR, which must not exist yet. Every file is checked to be DICOM of that series; nothing "
                    + "is left under the final name if the retrieval fails or is interrupted."})
    static final class Get implements Callable<Integer> {

        @Option(names = "--server", required = true, paramLabel = "NAME", description = "A configured server.")
        String server;

        @Parameters(index = "0", paramLabel = "STUDY_UID")
        String study;

        @Parameters(index = "1", paramLabel = "SERIES_UID")
        String series;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "A new folder for the series.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PacsServer s = server(server);
            if (output != null && Files.exists(output)) {
                throw new java.nio.file.FileAlreadyExistsException(output.toAbsolutePath().toString(), null,
                        "already exists");
            }
            ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "Retrieving ");
            Cancellation cancel = new Cancellation();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                cancel.cancel();
                try {
                    done.await(10, TimeUnit.SECONDS); // let the partial folder be deleted
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "hardy-pacs-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            Path dir;
            SeriesCache cache = SeriesCache.installed();
            try (DicomWebClient c = new DicomWebClient(s)) {
                java.util.Optional<Path> cached = output == null ? cache.cached(s, study, series)
                        : java.util.Optional.empty();
                if (cached.isPresent()) {
                    dir = cached.get();
                } else {
                    int expected = expected(c);
                    dir = output == null ? cache.retrieve(c, study, series, expected, bar, cancel)
                            : SeriesCache.retrieveTo(c, study, series, expected, output, cache.limitBytes(), bar,
                                    cancel);
                }
            } finally {
                bar.finish();
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running
                }
            }
            int files;
            try (Stream<Path> list = Files.list(dir)) {
                files = (int) list.count();
            }
            spec.commandLine().getOut().println(dir);
            spec.commandLine().getErr().println("hardy: " + files + " DICOM files in " + dir);
            return 0;
        }

        /** The series' instance count from the study's listing, for the progress bar; -1 if it is not listed. */
        private int expected(DicomWebClient c) throws IOException {
            return c.listSeries(study).stream().filter(h -> h.seriesUid().equals(series)).mapToInt(SeriesHit::instances)
                    .findFirst().orElse(-1);
        }
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = {"Store DICOM files (STOW-RS) and print the server's answer per instance.",
                "Exit code 0 when every instance was stored, 2 when any failed or was not confirmed."})
    static final class Store implements Callable<Integer> {

        @Option(names = "--server", required = true, paramLabel = "NAME", description = "A configured server.")
        String server;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM files (folders: every file in them).")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Path> all = new ArrayList<>();
            for (Path p : files) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        walk.filter(Files::isRegularFile).sorted().forEach(all::add);
                    }
                } else {
                    all.add(p);
                }
            }
            StoreResult r;
            try (DicomWebClient c = new DicomWebClient(server(server))) {
                r = c.store(all);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (StoreResult.Stored s : r.stored()) {
                out.println("stored  " + s.sopInstanceUid() + (s.warning() == null ? "" : "  warning: " + s.warning()));
            }
            for (StoreResult.Failed f : r.failed()) {
                out.println("failed  " + f.sopInstanceUid() + "  " + f.reason());
            }
            out.println(r.summary() + " (HTTP " + r.httpStatus() + ")");
            if (!r.failed().isEmpty() || r.unconfirmed() > 0) {
                spec.commandLine().getErr().println("hardy: error: PACS '" + server + "' did not store every "
                        + "instance: " + r.summary());
                return HardyCli.EXIT_BAD_INPUT;
            }
            return 0;
        }
    }

    static LocalDate date(String option, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return t.contains("-") ? LocalDate.parse(t) : LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + t + ": not a date (YYYY-MM-DD or YYYYMMDD)");
        }
    }

    private static String count(int n) {
        return n < 0 ? "?" : String.valueOf(n);
    }

    /** Prints rows as columns separated by two spaces, the last column unpadded. */
    static void table(PrintWriter out, List<String[]> rows) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                sb.append(i == cols - 1 ? r[i] : String.format(Locale.ROOT, "%-" + width[i] + "s  ", r[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}

package hardy.cli;

import hardy.core.Cancellation;
import hardy.synth.CaseWriter;
import hardy.synth.PhantomGenerator;
import hardy.synth.Range;
import hardy.synth.Subgroup;
import hardy.synth.SynthSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hardy synth --out DIR --count N --seed S}: fetal-brain phantoms with FeTA labels. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Generate fetal-brain phantoms: caseNNN_image.nii.gz, caseNNN_labels.nii.gz and cases.csv.",
            "Case N depends only on the seed and N. Ranges are MIN-MAX or one value."})
final class SynthCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--count", defaultValue = "1", description = "Number of cases (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Run seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--first", defaultValue = "0", description = "Number of the first case (default ${DEFAULT-VALUE}).")
    int first;

    @Option(names = "--ga", defaultValue = "20-35", paramLabel = "WEEKS",
            description = "Gestational age range in weeks, within 20-35 (default ${DEFAULT-VALUE}).")
    String ga;

    @Option(names = "--subgroup-share", paramLabel = "NAME=SHARE,...",
            description = "Relative shares of normal, ventriculomegaly, agenesis_cc "
                    + "(default normal=0.6,ventriculomegaly=0.2,agenesis_cc=0.2).")
    String shares;

    @Option(names = "--size", defaultValue = "160", description = "Voxels per axis of the grid (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--spacing", defaultValue = "0.8", description = "Isotropic grid spacing in mm (default ${DEFAULT-VALUE}).")
    double spacing;

    @Option(names = "--rotation", defaultValue = "10", paramLabel = "DEG",
            description = "Largest random head rotation about each axis (default ${DEFAULT-VALUE}).")
    double rotation;

    @Option(names = "--contrast-jitter", defaultValue = "0.15",
            description = "Relative random change of each tissue intensity (default ${DEFAULT-VALUE}).")
    double contrastJitter;

    @Option(names = "--bias", defaultValue = "0-0.3", description = "Bias field strength range (default ${DEFAULT-VALUE}).")
    String bias;

    @Option(names = "--noise", defaultValue = "0.01-0.05",
            description = "Rician noise sigma relative to CSF (default ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--blur", defaultValue = "0.3-0.6", paramLabel = "MM",
            description = "Partial-volume blur sigma range in mm (default ${DEFAULT-VALUE}).")
    String blur;

    @Option(names = "--thick-slice-share", defaultValue = "0.3",
            description = "Share of cases acquired as thick slices (default ${DEFAULT-VALUE}).")
    double thickShare;

    @Option(names = "--slice-thickness", defaultValue = "2.5-4", paramLabel = "MM",
            description = "Thick-slice thickness range (default ${DEFAULT-VALUE}).")
    String thickness;

    @Option(names = "--motion", defaultValue = "0-0.6", paramLabel = "MM",
            description = "Slice-wise motion shift SD range (default ${DEFAULT-VALUE}).")
    String motion;

    @Option(names = "--reconstruct-share", defaultValue = "1",
            description = "Share of thick-slice cases resampled to the isotropic grid; the rest keep the "
                    + "thick-slice grid (default ${DEFAULT-VALUE}).")
    double reconstructShare;

    @Option(names = "--threads", description = "Worker threads (default: the number of processors).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        if (first < 0) {
            throw new IllegalArgumentException("--first must not be negative");
        }
        Map<Subgroup, Double> share = shares == null ? SynthSettings.defaults().shares()
                : SynthSettings.parseShares(shares);
        SynthSettings settings = new SynthSettings(Range.parse(ga), share, size, spacing, rotation, contrastJitter,
                Range.parse(bias), Range.parse(noise), Range.parse(blur), thickShare, Range.parse(thickness),
                Range.parse(motion), reconstructShare);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<String> rows = new CaseWriter(new PhantomGenerator(settings, seed)).write(out, first, count,
                Math.min(workers, count), (done, total, name) -> {
                    err.printf("hardy: synth %d/%d %s%n", done, total, name);
                    err.flush();
                }, Cancellation.NEVER);
        PrintWriter o = spec.commandLine().getOut();
        o.println(CaseWriter.CSV_HEADER);
        rows.forEach(o::println);
        o.printf("Wrote %d case%s to %s%n", rows.size(), rows.size() == 1 ? "" : "s", out);
        return 0;
    }
}

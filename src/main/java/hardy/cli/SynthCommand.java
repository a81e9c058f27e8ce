package hardy.cli;

import hardy.core.Cancellation;
import hardy.synth.CaseWriter;
import hardy.synth.Contrast;
import hardy.synth.PhantomGenerator;
import hardy.synth.Range;
import hardy.synth.SynthSettings;
import hardy.synth.SynthSettingsBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hardy synth --out DIR --count N --seed S}: fetal-brain phantoms with FeTA labels. A preset gives every
 * setting; the options given on the command line override it, so they have no picocli default of their own.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate fetal-brain phantoms: caseNNN_image.nii.gz, caseNNN_labels.nii.gz, cases.csv and "
                + "labels.txt (the label names, which hardy train copies into the model card).",
            "Case N depends only on the seed and N. Ranges are MIN-MAX or one value.",
            "--preset wide: surroundings (amniotic fluid, uterus, placenta, fetal body, maternal tissue) in every "
                    + "case, --spacing 0.5-1.2, --fov 100-160 (more when the head needs it), --rotation 30, "
                    + "--head-offset 20, --contrast mixed; the rest as the default preset. Options given here "
                    + "override the preset."})
final class SynthCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--count", defaultValue = "1", description = "Number of cases (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Run seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--first", defaultValue = "0", description = "Number of the first case (default ${DEFAULT-VALUE}).")
    int first;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "default|wide",
            description = "Settings to start from (default ${DEFAULT-VALUE}); see above.")
    String preset;

    @Option(names = "--ga", paramLabel = "WEEKS", description = "Gestational age range in weeks, within 20-35 "
            + "(default 20-35).")
    String ga;

    @Option(names = "--subgroup-share", paramLabel = "NAME=SHARE,...",
            description = "Relative shares of normal, ventriculomegaly, agenesis_cc "
                    + "(default normal=0.6,ventriculomegaly=0.2,agenesis_cc=0.2).")
    String shares;

    @Option(names = "--size", description = "Voxels per axis of a fixed grid, at most 400 (default 160; wide: set "
            + "by --fov). Replaces the preset's --fov.")
    Integer size;

    @Option(names = "--fov", paramLabel = "MM", description = "Field of view per axis in mm, drawn per case; the "
            + "grid has as many voxels as it takes, at least enough for the whole head (default: none, --size "
            + "sets the grid; wide: 100-160). Replaces the preset's --size.")
    String fov;

    @Option(names = "--spacing", paramLabel = "MM", description = "Isotropic grid spacing in mm, drawn per case "
            + "(default 0.8; wide: 0.5-1.2).")
    String spacing;

    @Option(names = "--rotation", paramLabel = "DEG",
            description = "Largest random head rotation about each axis (default 10; wide: 30).")
    Double rotation;

    @Option(names = "--head-offset", paramLabel = "MM", description = "Largest random shift of the head from the "
            + "grid centre per axis, kept so the whole head stays in view (default 0; wide: 20).")
    Double headOffset;

    @Option(names = "--surroundings-share", paramLabel = "SHARE", description = "Share of cases with amniotic "
            + "fluid, uterine wall, placenta, fetal body and maternal tissue around the head, all labelled 0 "
            + "(default 0; wide: 1).")
    Double surroundingsShare;

    @Option(names = "--contrast", paramLabel = "t2|random|mixed", description = "Intensity model: T2-like, random "
            + "per tissue (SynthSeg-style), or each per case with equal chance (default t2; wide: mixed).")
    String contrast;

    @Option(names = "--contrast-jitter",
            description = "Relative random change of each T2 tissue intensity (default 0.15).")
    Double contrastJitter;

    @Option(names = "--random-sd", paramLabel = "SD", description = "Within-tissue SD range of the random contrast, "
            + "intensities in 0..1 (default 0-0.1).")
    String randomSd;

    @Option(names = "--bias", description = "Bias field strength range (default 0-0.3).")
    String bias;

    @Option(names = "--noise", description = "Rician noise sigma relative to the brightest tissue (CSF in T2) "
            + "(default 0.01-0.05).")
    String noise;

    @Option(names = "--blur", paramLabel = "MM", description = "Partial-volume blur sigma range in mm (default "
            + "0.3-0.6).")
    String blur;

    @Option(names = "--thick-slice-share", description = "Share of cases acquired as thick slices (default 0.3).")
    Double thickShare;

    @Option(names = "--slice-thickness", paramLabel = "MM", description = "Thick-slice thickness range (default "
            + "2.5-4).")
    String thickness;

    @Option(names = "--motion", paramLabel = "MM", description = "Slice-wise motion shift SD range (default 0-0.6).")
    String motion;

    @Option(names = "--reconstruct-share", description = "Share of thick-slice cases resampled to the isotropic "
            + "grid; the rest keep the thick-slice grid (default 1).")
    Double reconstructShare;

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
        SynthSettings settings = settings();
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

    /** The preset with the options given on the command line in place of its values. */
    SynthSettings settings() {
        SynthSettingsBuilder b = switch (preset.strip().toLowerCase(Locale.ROOT)) {
            case "default" -> SynthSettings.defaults().toBuilder();
            case "wide" -> SynthSettings.wide().toBuilder();
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "' (one of default, wide)");
        };
        if (size != null && fov != null) {
            throw new IllegalArgumentException("give --size or --fov, not both");
        }
        if (ga != null) {
            b.gestationalAge(range("--ga", ga));
        }
        if (shares != null) {
            b.shares(SynthSettings.parseShares(shares));
        }
        if (size != null) {
            b.size(size);
        }
        if (fov != null) {
            b.fov(range("--fov", fov));
        }
        if (spacing != null) {
            b.spacing(range("--spacing", spacing));
        }
        if (rotation != null) {
            b.rotationDegrees(rotation);
        }
        if (headOffset != null) {
            b.headOffsetMm(headOffset);
        }
        if (surroundingsShare != null) {
            b.surroundingsShare(surroundingsShare);
        }
        if (contrast != null) {
            b.contrast(Contrast.of(contrast));
        }
        if (contrastJitter != null) {
            b.contrastJitter(contrastJitter);
        }
        if (randomSd != null) {
            b.randomSd(range("--random-sd", randomSd));
        }
        if (bias != null) {
            b.biasAmplitude(range("--bias", bias));
        }
        if (noise != null) {
            b.noise(range("--noise", noise));
        }
        if (blur != null) {
            b.blurMm(range("--blur", blur));
        }
        if (thickShare != null) {
            b.thickSliceShare(thickShare);
        }
        if (thickness != null) {
            b.sliceThickness(range("--slice-thickness", thickness));
        }
        if (motion != null) {
            b.motionMm(range("--motion", motion));
        }
        if (reconstructShare != null) {
            b.reconstructShare(reconstructShare);
        }
        return b.build();
    }

    /** A range option, its name in the message if it is malformed. */
    private static Range range(String option, String text) {
        try {
            return Range.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}

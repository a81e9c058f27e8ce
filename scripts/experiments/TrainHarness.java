import hardy.core.*;
import hardy.io.*;
import hardy.volume.*;
import hardy.training.*;
import hardy.training.unet.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;

/**
 * The harness the runs of docs/experiments/erm-vs-hws.md and the default model were trained with, as it ran:
 * hardy.training.Trainer on the cases of a folder (already on the model grid), Adam 1e-3, batch 2, foreground
 * share 0.5, seed 2026, a checkpoint every 100 iterations. It predates `hardy train` by an hour and does what
 * `hardy train --cases DIR --beta B --patch P --base-channels C --depth D --seed 2026` does, without the export;
 * the checkpoints were exported with `hardy train --resume` (see the page). Run with the jar on the class path:
 * java -cp "target/hardy.jar:target/lib/*" scripts/experiments/TrainHarness.java CASES CKPT ITERATIONS BASE DEPTH PATCH BETA
 */
public class TrainHarness {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Path ckpt = Path.of(a[1]);
        int total = Integer.parseInt(a[2]);
        int base = Integer.parseInt(a[3]), depth = Integer.parseInt(a[4]), patch = Integer.parseInt(a[5]);
        double beta = Double.parseDouble(a[6]);
        List<TrainingCase> cases = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith("_image.nii.gz")).sorted().toList()) {
                String n = p.getFileName().toString().replace("_image.nii.gz", "");
                Volume img = VolumeReaders.installed().read(p).volume();
                Volume lab = VolumeReaders.installed().read(dir.resolve(n + "_labels.nii.gz")).volume();
                cases.add(new TrainingCase(img, LabelMap.fromImage(lab)));
                names.add(n);
            }
        }
        TrainingOptions o = new TrainingOptions(new UNet3dConfig(1, 8, base, depth), patch, patch, patch, 2, 1e-3,
                beta, 0.5, false, 2026);
        boolean resume = Files.exists(ckpt.resolve("progress.properties"));
        try (Trainer t = resume ? Trainer.resume(o, cases, ckpt) : new Trainer(o, cases);
             PrintWriter log = new PrintWriter(new FileWriter(ckpt.resolveSibling(ckpt.getFileName() + "-loss.csv").toFile(), true))) {
            System.out.println(t.selfCheck().describe() + "; starting at iteration " + t.iterations());
            long start = System.nanoTime();
            int startIt = t.iterations();
            while (t.iterations() < total) {
                int n = Math.min(100 - t.iterations() % 100, total - t.iterations());
                t.train(n, ProgressListener.NONE, Cancellation.NEVER, it -> log.printf("%d,%.5f%n", it.iteration(), it.loss()));
                log.flush();
                t.saveCheckpoint(ckpt);
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("iteration %d, %.2f s/it%n", t.iterations(), s / (t.iterations() - startIt));
            }
            double[] L = t.sampler().losses();
            for (int i = 0; i < L.length; i++) System.out.printf("%s %.4f%n", names.get(i), L[i]);
        }
    }
}

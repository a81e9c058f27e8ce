package hardy.bench;

import hardy.core.Cancellation;
import hardy.eval.SegmentationMetrics;
import hardy.synth.PhantomGenerator;
import hardy.synth.Range;
import hardy.synth.SynthCase;
import hardy.synth.SynthSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Timing of phantom generation and of the metrics on one thread, without JMH (a case takes seconds, so a
 * handful of repetitions after a warm-up is enough). Prints wall time and the thread's CPU time; on a shared
 * machine the CPU time is the number to compare. Run after {@code ./mvnw test-compile}:
 * {@code java -cp target/classes:target/test-classes:$(cat target/classpath.txt) hardy.bench.SynthTiming [size]}
 * or through the bench profile's exec plugin with {@code -Dexec.mainClass}. {@code wide} in place of the size
 * times the wide preset at 0.8 mm and a 140 mm field of view (175³ or more when the head needs it).
 */
public final class SynthTiming {

    private SynthTiming() {
    }

    public static void main(String[] args) {
        boolean wide = args.length > 0 && args[0].equals("wide");
        int size = args.length > 0 && !wide ? Integer.parseInt(args[0]) : 160;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SynthSettings s = wide
                ? SynthSettings.wide().toBuilder().spacing(new Range(0.8, 0.8)).fov(new Range(140, 140)).build()
                : SynthSettings.defaults().toBuilder().size(size).build();
        PhantomGenerator g = new PhantomGenerator(s, 1);
        g.generate(100, Cancellation.NEVER);   // warm-up
        SynthCase previous = g.generate(101, Cancellation.NEVER);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        long totalCpu = 0;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            SynthCase c = g.generate(r, Cancellation.NEVER);
            long t = System.nanoTime() - t0;
            long cpu = mx.getCurrentThreadCpuTime() - c0;
            total += t;
            totalCpu += cpu;
            System.out.printf(Locale.ROOT, "case %d (%s, GA %.1f, %s, %s%s): generated %d^3 in %.2f s wall, "
                    + "%.2f s CPU%n", r, c.subgroup().id(), c.gestationalAge(), c.acquisition(), c.contrast().id(),
                    c.surroundings() ? ", surroundings" : "", c.labels().geometry().nx(), t / 1e9, cpu / 1e9);
            if (c.labels().geometry().sameGrid(previous.labels().geometry())) {
                long m0 = System.nanoTime();
                long mc = mx.getCurrentThreadCpuTime();
                SegmentationMetrics.compare(previous.labels(), c.labels(), new int[] {1, 2, 3, 4, 5, 6, 7},
                        Cancellation.NEVER);
                System.out.printf(Locale.ROOT, "    metrics for 7 labels against the previous case: %.2f s wall, "
                        + "%.2f s CPU%n", (System.nanoTime() - m0) / 1e9, (mx.getCurrentThreadCpuTime() - mc) / 1e9);
            }
            previous = c;
        }
        System.out.printf(Locale.ROOT, "mean per case: %.2f s wall, %.2f s CPU%n", total / 1e9 / reps,
                totalCpu / 1e9 / reps);
    }
}

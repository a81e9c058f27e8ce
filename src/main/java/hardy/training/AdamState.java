package hardy.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import hardy.core.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba) with bias correction, written here rather than taken from DJL so that its moment estimates
 * and step count can be saved in a checkpoint and a resumed run continues exactly. The moments live in the
 * trainer's manager; every temporary of a step is attached to the step's scope. Steps run with autograd off
 * ({@link TorchEngine#withoutGradient}), so any thread may train.
 */
final class AdamState {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long steps;

    /** Zero moments shaped like the parameters, in {@code manager}. */
    AdamState(PairList<String, Parameter> parameters, NDManager manager) {
        for (Pair<String, Parameter> p : parameters) {
            NDArray w = p.getValue().getArray();
            first.add(manager.zeros(w.getShape(), w.getDataType()));
            second.add(manager.zeros(w.getShape(), w.getDataType()));
        }
    }

    long steps() {
        return steps;
    }

    /**
     * One step on every parameter with its accumulated gradient, at learning rate {@code rate}; the gradients are
     * then zeroed. Must run outside a gradient collector.
     */
    void step(PairList<String, Parameter> parameters, double rate, NDManager scope) {
        TorchEngine.withoutGradient(() -> update(parameters, rate, scope));
    }

    private void update(PairList<String, Parameter> parameters, double rate, NDManager scope) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        int i = 0;
        for (Pair<String, Parameter> p : parameters) {
            NDArray w = p.getValue().getArray();
            NDArray g = w.getGradient();
            g.attach(scope);
            NDArray m = first.get(i);
            NDArray v = second.get(i);
            i++;
            m.muli(BETA1).addi(scoped(g.mul(1 - BETA1), scope));
            v.muli(BETA2).addi(scoped(g.square().muli(1 - BETA2), scope));
            NDArray denominator = scoped(scoped(v.div(correction2), scope).sqrt(), scope).addi(EPSILON);
            NDArray update = scoped(m.mul(rate / correction1), scope).divi(denominator);
            w.subi(update);
            g.subi(g);
        }
    }

    private static NDArray scoped(NDArray a, NDManager scope) {
        a.attach(scope);
        return a;
    }

    /** Writes the step count and both moments of every parameter, atomically. */
    void save(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeLong(steps);
            NDList all = new NDList();
            all.addAll(first);
            all.addAll(second);
            byte[] encoded = all.encode();
            data.writeInt(encoded.length);
            data.write(encoded);
            data.flush();
        });
    }

    /**
     * Restores what {@link #save} wrote into these (already shaped) moments.
     *
     * @throws IOException if the file is not an optimiser state of this network
     */
    void load(Path file, NDManager manager) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream data = new DataInputStream(in)) {
            long savedSteps = data.readLong();
            int length = data.readInt();
            if (savedSteps < 0 || length < 0 || length > size - 12) {
                throw new IOException(file + ": not an optimiser state (bad header)");
            }
            byte[] encoded = data.readNBytes(length);
            NDList all = NDList.decode(manager, encoded);
            if (all.size() != 2 * first.size()) {
                throw new IOException(file + ": optimiser state for " + all.size() / 2 + " parameters, the network has "
                        + first.size());
            }
            for (int i = 0; i < all.size(); i++) {
                NDArray target = i < first.size() ? first.get(i) : second.get(i - first.size());
                NDArray saved = all.get(i);
                if (!saved.getShape().equals(target.getShape())) {
                    throw new IOException(file + ": optimiser state does not fit parameter " + (i % first.size()));
                }
                TorchEngine.overwrite(target, saved);
            }
            steps = savedSteps;
        }
    }
}

package hardy.cli;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadResult;
import hardy.io.VolumeWriter;
import hardy.io.VolumeWriters;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hardy convert INPUT OUTPUT.nii[.gz]}: lossless conversion, same voxel type, values and world. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a volume to NIfTI, keeping voxel type, values and world geometry.")
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT", description = "A NIfTI file (.nii, .nii.gz, .hdr/.img).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "Output file: .nii, .nii.gz or .hdr.")
    Path output;

    @Mixin
    InputOptions inputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VolumeWriter writer = VolumeWriters.installed().writerFor(output);
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("output would overwrite the input " + input.getFileName());
        }
        ReadResult result = inputOptions.read(input);
        for (String w : result.warnings()) {
            spec.commandLine().getErr().println("hardy: warning: " + w);
        }
        writer.write(result.volume(), output, ProgressListener.NONE, Cancellation.NEVER);
        spec.commandLine().getOut().printf("Wrote %s (%d x %d x %d %s)%n", output, result.volume().nx(),
                result.volume().ny(), result.volume().nz(), result.volume().type().id());
        return 0;
    }
}

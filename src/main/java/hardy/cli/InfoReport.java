package hardy.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import hardy.io.ReadResult;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import hardy.volume.VolumeStatistics;
import java.util.List;
import java.util.Map;

/**
 * What {@code hardy info --json} prints. The schema is documented in {@code docs/cli.md}; fields are only ever
 * added, and a breaking change bumps {@link #SCHEMA}.
 */
@JsonPropertyOrder({"schema", "file", "format", "dims", "voxelType", "spacing", "orientation", "affineRas",
    "rescale", "statistics", "warnings", "details"})
record InfoReport(String schema, String file, String format, int[] dims, String voxelType, double[] spacing,
                  String orientation, double[][] affineRas, RescaleReport rescale, VolumeStatistics statistics,
                  List<String> warnings, Map<String, Object> details) {

    static final String SCHEMA = "hardy-info/1";

    record RescaleReport(double slope, double intercept) {
    }

    static InfoReport of(String file, ReadResult result) {
        Volume v = result.volume();
        Geometry g = v.geometry();
        return new InfoReport(SCHEMA, file, result.format(), g.dims(), v.type().id(), g.spacing(),
                g.voxelToRas().axisCodes("RAS", "LPI"), g.voxelToRas().toMatrix4(),
                new RescaleReport(v.rescale().slope(), v.rescale().intercept()), VolumeStatistics.of(v),
                result.warnings(), result.details());
    }
}

package hardy.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subgroup of each case, read from a CSV file with a header that has a {@code case} and a {@code subgroup}
 * column (the {@code cases.csv} that {@code hardy synth} writes, or any table of the same shape).
 */
public final class CaseGroups {

    private CaseGroups() {
    }

    /**
     * Reads case → subgroup.
     *
     * @throws IllegalArgumentException if the header lacks the columns or a row is short
     */
    public static Map<String, String> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + ": empty groups file");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::strip).toList();
        int caseCol = header.indexOf("case");
        int groupCol = header.indexOf("subgroup");
        if (caseCol < 0 || groupCol < 0) {
            throw new IllegalArgumentException(csv + ": the header needs 'case' and 'subgroup' columns");
        }
        Map<String, String> groups = new HashMap<>();
        for (int r = 1; r < lines.size(); r++) {
            String line = lines.get(r);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length <= Math.max(caseCol, groupCol)) {
                throw new IllegalArgumentException(csv + ": line " + (r + 1) + " has too few columns");
            }
            groups.put(cells[caseCol].strip(), cells[groupCol].strip());
        }
        return groups;
    }
}

package io.heaplab.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The terminal rendering of a {@link ResultsDocument}, written for someone who has never seen heaplab: the
 * {@link TextSections} in order (a line saying what each figure rests on, one table per workload with its notes
 * and "In short" line, the suite summary, the legend). {@code heaplab compare} prints the same sections one by one
 * as workloads finish.
 */
final class TextResultFormat implements ResultFormat {

    @Override
    public void write(ResultsDocument document, Writer out) throws IOException {
        RunSettings s = document.settings();
        String baseline = s.baseline() == null || s.baseline().isEmpty() ? null : s.baseline();
        StringBuilder text = new StringBuilder();
        long allocators = document.results().stream().map(PairResult::allocator).distinct().count();
        text.append(TextSections.header(s, (int) allocators, document.byWorkload().size()));
        for (Map.Entry<String, List<PairResult>> group : document.byWorkload().entrySet()) {
            text.append(TextSections.workload(group.getKey(), group.getValue(),
                document.verdict(group.getKey()).orElse(null), baseline));
        }
        if (document.summary() != null) {
            text.append(TextSections.summary(document.summary()));
        }
        text.append(TextSections.legend(baseline));
        out.write(text.toString());
        out.flush();
    }
}

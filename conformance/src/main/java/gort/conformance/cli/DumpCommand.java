package gort.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gort.heapdump.reader.DumpFormatException;
import gort.heapdump.reader.DumpReader;
import gort.heapdump.reader.DumpSummary;
import gort.heapdump.reader.HeapDump;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gort dump F}: reads a heap dump in the format of heapdump.c at 0a7c7ac80 and prints what a
 * person wants to know of it (goroutines with their frames, objects by size, roots, memstats, the
 * memory profile); {@code --json} prints the same for tools. A file that is not such a dump gets
 * {@code F: offset N: what is wrong} and exit code 2.
 */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = "Summarize a heap dump written by debug.WriteHeapDump (go1.3 format).")
public final class DumpCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "F", description = "The heap dump.")
    Path file;

    @CommandLine.Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(cl, "cannot read " + file + ": no such file");
        }
        HeapDump d;
        try {
            d = DumpReader.read(bytes);
        } catch (DumpFormatException e) {
            cl.getErr().println(file + ": " + e.getMessage());
            return 2;
        }
        PrintWriter out = cl.getOut();
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(DumpSummary.json(d)));
        } else {
            out.print(DumpSummary.text(d));
        }
        out.flush();
        return 0;
    }
}

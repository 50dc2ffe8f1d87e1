package gort.proc;

/**
 * How a process ended: its exit code (0 when main returned, n for os.Exit(n), 2 after a fatal
 * error) and, after a fatal error, what was thrown (a GoThrow or a Fault), else null.
 */
public record ProgramResult(int exitCode, Throwable fatal) {}

package gort.cmd.syntax;

import java.util.ArrayList;
import java.util.List;

/** A parsed Go source file. */
public final class SourceFile extends Node {
    public Expr.Name pkgName;
    public final List<Decl> decls = new ArrayList<>();
    public Pos eof = Pos.NONE;

    public SourceFile(Pos pos) {
        super(pos);
    }
}

package gort.cmd.types;

import gort.cmd.syntax.Decl;
import gort.cmd.syntax.SourceFile;
import java.util.List;

/**
 * A checked main package: the annotated syntax tree and what a code generator needs first — every
 * function and method declaration, the init functions in source order, the package variable
 * initializations in dependency order, and main.
 *
 * <p>In the tree, every expression carries its type ({@link gort.cmd.syntax.Expr#type}) and, when
 * constant, its value; every identifier its object ({@link gort.cmd.syntax.Expr.Name#obj}): an
 * {@link Obj.Var} (global, local, param, result, receiver or field; {@code captured} when a closure
 * shares it), {@link Obj.Const}, {@link Obj.TypeName}, {@link Obj.Func} (declared, or a
 * runtime/time/os/... member with {@code pkg} set), {@link Obj.Builtin}, {@link Obj.PkgName} or
 * {@link Obj.Nil}.
 */
public record TypedPackage(
        SourceFile file,
        Scope scope,
        List<Decl.Func> funcs,
        List<Obj.Func> inits,
        List<Checker.VarInit> varInits,
        Obj.Func main) {}

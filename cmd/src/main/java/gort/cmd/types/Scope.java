package gort.cmd.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A lexical scope: names to objects, with a parent. Function scopes are marked. */
public final class Scope {
    public final Scope parent;
    public final boolean isFunc;
    final Map<String, Obj> elems = new LinkedHashMap<>();
    final List<Scope> children = new ArrayList<>();

    public Scope(Scope parent, boolean isFunc) {
        this.parent = parent;
        this.isFunc = isFunc;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    /** The object named name in this scope only, or null. */
    public Obj lookup(String name) {
        return elems.get(name);
    }

    /** The object named name in this scope or an enclosing one, or null. */
    public Obj lookupParent(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Obj o = s.elems.get(name);
            if (o != null) {
                return o;
            }
        }
        return null;
    }

    /** Inserts obj; returns the object already declared under its name (and inserts nothing). */
    public Obj insert(Obj obj) {
        Obj alt = elems.get(obj.name);
        if (alt != null) {
            return alt;
        }
        elems.put(obj.name, obj);
        return null;
    }
}

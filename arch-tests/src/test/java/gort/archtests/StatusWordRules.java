package gort.archtests;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.lang.ArchRule;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who may touch a goroutine's status word, {@link G#atomicstatus}, and its one handle, {@link
 * G#ATOMICSTATUS}: invariant S1 of DESIGN.md §5, checked on the class files.
 *
 * <p>The rules name fields and methods by their Java names. If one of them is renamed, a rule would
 * match nothing and pass, so loading this class checks by reflection that every name it uses
 * exists, and fails loudly otherwise.
 */
public final class StatusWordRules {
    private StatusWordRules() {}

    /** The three accessors that change a status. */
    static final List<CodeUnit> STATUS_CHANGERS =
            List.of(
                    CodeUnit.of(StatusAccessors.class, "casgstatus", G.class, int.class, int.class),
                    CodeUnit.of(
                            StatusAccessors.class,
                            "castogscanstatus",
                            G.class,
                            int.class,
                            int.class),
                    CodeUnit.of(
                            StatusAccessors.class,
                            "casfromgscanstatus",
                            G.class,
                            int.class,
                            int.class));

    /** The changers plus readgstatus: every read of a status goes through one of these. */
    static final List<CodeUnit> STATUS_ACCESSORS =
            Stream.concat(
                            STATUS_CHANGERS.stream(),
                            Stream.of(CodeUnit.of(StatusAccessors.class, "readgstatus", G.class)))
                    .toList();

    /**
     * Classes whose static initializer may make a handle on a field from its name. ArchUnit does
     * not see a call's arguments, so it cannot tell a handle on the class's own field from a second
     * handle on G.atomicstatus; each entry is therefore a reviewed decision that the class's
     * handles are on its own fields, and G's is the one on atomicstatus.
     */
    static final Set<Class<?>> FIELD_HANDLE_MAKERS =
            Set.of(
                    G.class,
                    gort.runtime.P
                            .class, // handles on its own run-queue indices (runqhead, runqtail)
                    gort.bench.StatusWord
                            .class); // the benchmarks' raw baseline: a handle on its own field

    /**
     * Methods that turn a field name (or a {@link Field}) into a way to read or write it, or that
     * open another class's private members. All of them can reach atomicstatus or ATOMICSTATUS
     * without naming either in a way ArchUnit sees.
     */
    static final Map<Class<?>, Set<String>> FIELD_HANDLE_FACTORIES =
            Map.of(
                    MethodHandles.Lookup.class,
                            Set.of(
                                    "findVarHandle",
                                    "findStaticVarHandle",
                                    "unreflectVarHandle",
                                    "findGetter",
                                    "findSetter",
                                    "findStaticGetter",
                                    "findStaticSetter",
                                    "unreflectGetter",
                                    "unreflectSetter"),
                    MethodHandles.class, Set.of("privateLookupIn"),
                    ConstantBootstraps.class,
                            Set.of("fieldVarHandle", "staticFieldVarHandle", "getStaticFinal"),
                    AtomicIntegerFieldUpdater.class, Set.of("newUpdater"),
                    AtomicLongFieldUpdater.class, Set.of("newUpdater"),
                    AtomicReferenceFieldUpdater.class, Set.of("newUpdater"));

    /** Field's value accessors: a write, or a read that could fetch ATOMICSTATUS itself. */
    private static final Set<String> FIELD_VALUE_METHODS =
            Set.of(
                    "get",
                    "getBoolean",
                    "getByte",
                    "getChar",
                    "getShort",
                    "getInt",
                    "getLong",
                    "getFloat",
                    "getDouble",
                    "set",
                    "setBoolean",
                    "setByte",
                    "setChar",
                    "setShort",
                    "setInt",
                    "setLong",
                    "setFloat",
                    "setDouble");

    /** S1: a status changes only by casgstatus, castogscanstatus or casfromgscanstatus. */
    public static final ArchRule ONLY_STATUS_CHANGERS_WRITE_ATOMICSTATUS =
            noClasses()
                    .should()
                    .setFieldWhere(
                            targets(G.class, "atomicstatus")
                                    .and(
                                            not(
                                                    originIsAnyOf(STATUS_CHANGERS)
                                                            .or(originIsConstructorOf(G.class)))))
                    .because(
                            "a status changes only by casgstatus, castogscanstatus or casfromgscanstatus"
                                    + " (S1); G's constructor stores the content of fresh, unpublished memory");

    /** Everyone but the four accessors reads a status by calling readgstatus. */
    public static final ArchRule ONLY_STATUS_ACCESSORS_READ_ATOMICSTATUS =
            noClasses()
                    .should()
                    .getFieldWhere(
                            targets(G.class, "atomicstatus")
                                    .and(not(originIsAnyOf(STATUS_ACCESSORS))))
                    .because(
                            "every read of a status is readgstatus's acquire read or part of a status"
                                    + " accessor");

    /**
     * Whoever holds the handle can set or CAS the status with it, so getting the static field is
     * the use to gate; G's static initializer assigns it, which is a write, not a get.
     */
    public static final ArchRule ONLY_STATUS_ACCESSORS_USE_THE_ATOMICSTATUS_HANDLE =
            noClasses()
                    .should()
                    .getFieldWhere(
                            targets(G.class, "ATOMICSTATUS")
                                    .and(not(originIsAnyOf(STATUS_ACCESSORS))))
                    .because(
                            "any set, setVolatile, compareAndSet or getAndSet through G.ATOMICSTATUS"
                                    + " outside the status accessors would bypass them (S1)");

    /**
     * No second way to the field: handle factories run only in the static initializer of a reviewed
     * class (handles are static finals, made once). Checks method references too.
     */
    public static final ArchRule FIELD_HANDLES_ARE_MADE_ONLY_BY_REVIEWED_CLASSES =
            noClasses()
                    .should()
                    .accessTargetWhere(
                            targetsAnyOf(FIELD_HANDLE_FACTORIES)
                                    .and(
                                            not(
                                                    originIsStaticInitializerOfAnyOf(
                                                            FIELD_HANDLE_MAKERS))))
                    .because(
                            "a second VarHandle, MethodHandle or field updater on G.atomicstatus would"
                                    + " bypass the status accessors; ArchUnit cannot see which field a factory"
                                    + " call names, so only reviewed classes may make handles");

    /** Unsafe writes any field at an offset, invisible to every rule above. */
    public static final ArchRule NO_UNSAFE =
            noClasses()
                    .should()
                    .dependOnClassesThat(
                            describe(
                                    "are sun.misc.Unsafe or jdk.internal.misc.Unsafe",
                                    (JavaClass c) ->
                                            c.getName().equals("sun.misc.Unsafe")
                                                    || c.getName()
                                                            .equals("jdk.internal.misc.Unsafe")))
                    .because(
                            "Unsafe can write G.atomicstatus at its offset, bypassing the accessors");

    /** Reflection reaches atomicstatus and ATOMICSTATUS by name, invisible to the field rules. */
    public static final ArchRule NO_REFLECTIVE_FIELD_ACCESS =
            noClasses()
                    .should()
                    .accessTargetWhere(
                            targetsAnyOf(
                                    Map.of(
                                            Field.class,
                                                    union(
                                                            FIELD_VALUE_METHODS,
                                                            Set.of(
                                                                    "setAccessible",
                                                                    "trySetAccessible")),
                                            Method.class,
                                                    Set.of("setAccessible", "trySetAccessible"),
                                            Constructor.class,
                                                    Set.of("setAccessible", "trySetAccessible"),
                                            AccessibleObject.class,
                                                    Set.of("setAccessible", "trySetAccessible"))))
                    .because(
                            "Field.setInt writes G.atomicstatus and Field.get hands out G.ATOMICSTATUS,"
                                    + " both bypassing the status accessors");

    // ---- predicates ----

    private static DescribedPredicate<JavaFieldAccess> targets(Class<?> owner, String field) {
        try {
            owner.getDeclaredField(field);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(
                    "arch rules name "
                            + owner.getName()
                            + "."
                            + field
                            + ", which does not exist; update StatusWordRules",
                    e);
        }
        return describe(
                "target is " + owner.getSimpleName() + "." + field,
                access ->
                        access.getTargetOwner().isEquivalentTo(owner)
                                && access.getTarget().getName().equals(field));
    }

    private static DescribedPredicate<JavaAccess<?>> targetsAnyOf(
            Map<Class<?>, Set<String>> methods) {
        return describe(
                "target is one of "
                        + methods.entrySet().stream()
                                .map(
                                        e ->
                                                e.getKey().getSimpleName()
                                                        + "."
                                                        + e.getValue().stream().sorted().toList())
                                .sorted()
                                .collect(Collectors.joining(", ")),
                access ->
                        methods.entrySet().stream()
                                .anyMatch(
                                        e ->
                                                access.getTargetOwner().isEquivalentTo(e.getKey())
                                                        && e.getValue()
                                                                .contains(access.getName())));
    }

    private static DescribedPredicate<JavaAccess<?>> originIsAnyOf(List<CodeUnit> units) {
        return describe(
                "origin is one of " + units,
                access -> units.stream().anyMatch(u -> u.matches(access.getOrigin())));
    }

    private static DescribedPredicate<JavaAccess<?>> originIsConstructorOf(Class<?> owner) {
        return describe(
                "origin is a constructor of " + owner.getSimpleName(),
                access ->
                        access.getOrigin().isConstructor()
                                && access.getOriginOwner().isEquivalentTo(owner));
    }

    private static DescribedPredicate<JavaAccess<?>> originIsStaticInitializerOfAnyOf(
            Set<Class<?>> owners) {
        return describe(
                "origin is the static initializer of one of "
                        + owners.stream().map(Class::getSimpleName).sorted().toList(),
                access ->
                        access.getOrigin() instanceof JavaStaticInitializer
                                && owners.stream()
                                        .anyMatch(access.getOriginOwner()::isEquivalentTo));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A method named by owner, name and parameter types, so an overload (say a casgstatus that
     * skips the checks) is not allowed by accident.
     */
    record CodeUnit(Class<?> owner, String name, List<Class<?>> parameters) {
        static CodeUnit of(Class<?> owner, String name, Class<?>... parameters) {
            try {
                owner.getDeclaredMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(
                        "arch rules name "
                                + owner.getName()
                                + "."
                                + name
                                + Arrays.toString(parameters)
                                + ", which does not exist; update StatusWordRules",
                        e);
            }
            return new CodeUnit(owner, name, List.of(parameters));
        }

        boolean matches(JavaCodeUnit unit) {
            List<JavaClass> actual = unit.getRawParameterTypes();
            if (!unit.getOwner().isEquivalentTo(owner)
                    || !unit.getName().equals(name)
                    || actual.size() != parameters.size()) {
                return false;
            }
            for (int i = 0; i < actual.size(); i++) {
                if (!actual.get(i).isEquivalentTo(parameters.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return owner.getSimpleName()
                    + "."
                    + name
                    + parameters.stream()
                            .map(Class::getSimpleName)
                            .collect(Collectors.joining(", ", "(", ")"));
        }
    }
}

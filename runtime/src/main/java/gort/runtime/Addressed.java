package gort.runtime;

/** Something that lives at an address of the simulated machine; %p prints that address. */
public interface Addressed {
    long addr();
}

// Compiles the shared precompiled header once for every test executable.

# Everything comes from the distribution (Debian 12: Boost 1.81, re2, OpenSSL, yaml-cpp); nothing is vendored.
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS json url filesystem)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(YAML_CPP REQUIRED IMPORTED_TARGET yaml-cpp)  # kubeconfig files

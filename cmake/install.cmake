# Install rules and a package config, so `find_package(agent_backends)` works (fmtlib pattern).
include(CMakePackageConfigHelpers)
set(AGENT_BACKENDS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/agent_backends)

install(TARGETS agent_backends EXPORT agent_backends-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/agent_backends DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT agent_backends-targets NAMESPACE agent_backends:: DESTINATION ${AGENT_BACKENDS_CMAKE_DIR})
export(EXPORT agent_backends-targets NAMESPACE agent_backends::
  FILE ${PROJECT_BINARY_DIR}/agent_backends-targets.cmake)

configure_package_config_file(cmake/agent_backends-config.cmake.in
  ${PROJECT_BINARY_DIR}/agent_backends-config.cmake INSTALL_DESTINATION ${AGENT_BACKENDS_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/agent_backends-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/agent_backends-config.cmake
  ${PROJECT_BINARY_DIR}/agent_backends-config-version.cmake DESTINATION ${AGENT_BACKENDS_CMAKE_DIR})

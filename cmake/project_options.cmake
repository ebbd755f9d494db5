# Warnings for our own targets only (never PUBLIC flags): call agent_backends_warnings(target).
function(agent_backends_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

if(AGENT_BACKENDS_SANITIZE STREQUAL "address")
  # clang 14 cannot compile coroutines under UBSan's function check ("difference across sections").
  set(AGENT_BACKENDS_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize=function -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
elseif(AGENT_BACKENDS_SANITIZE STREQUAL "thread")
  set(AGENT_BACKENDS_SANITIZER_FLAGS -fsanitize=thread)
elseif(NOT AGENT_BACKENDS_SANITIZE STREQUAL "")
  message(FATAL_ERROR "AGENT_BACKENDS_SANITIZE must be empty, 'address' or 'thread'")
endif()
if(AGENT_BACKENDS_SANITIZER_FLAGS)
  # Sanitizers must cover every translation unit that shares objects, so they apply directory-wide.
  add_compile_options(${AGENT_BACKENDS_SANITIZER_FLAGS})
  add_link_options(${AGENT_BACKENDS_SANITIZER_FLAGS})
endif()
